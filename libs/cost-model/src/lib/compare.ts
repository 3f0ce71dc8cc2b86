import { type Compute, type Environment, otherCompute, requestsPerInstanceAtTarget, SECONDS_PER_MONTH, type Traffic } from '@greeter/environment-config';
import { ec2MonthlyCost, instancesNeeded } from './ec2-cost';
import { lambdaMonthlyCost } from './lambda-cost';
import { computeName, formatUsd, formatVolume } from './format';
import type { ComputeCost } from './line-items';
import { pricesFor } from './prices';

/** A chosen compute costing more than this multiple of the other is worth a warning. */
export const WARN_RATIO = 1.25;
/** The volumes the break-even search and the chart cover, in requests a month. */
export const VOLUME_RANGE: [number, number] = [1e4, 1e11];

export interface BreakEven {
  requestsPerMonth: number;
  averageRps: number;
  /** Which compute is cheaper below the break-even. */
  cheaperBelow: Compute;
}

export interface CompareOptions {
  /** Count Lambda's free tier (per account, so off by default). */
  includeFreeTier?: boolean;
  /** Today, for the price table's age (tests fix it). */
  today?: Date;
}

/** A price table older than this gets a warning: AWS changes prices a few times a year. */
export const PRICE_TABLE_MAX_AGE_DAYS = 180;

/** A warning when the region's price table is older than PRICE_TABLE_MAX_AGE_DAYS, or undefined. */
export function stalePricesWarning(asOf: string, region: string, today = new Date()): string | undefined {
  const ageDays = Math.floor((today.getTime() - new Date(`${asOf}T00:00:00Z`).getTime()) / 86_400_000);
  if (ageDays <= PRICE_TABLE_MAX_AGE_DAYS) return undefined;
  return `The ${region} prices are from ${asOf}, ${ageDays} days ago (more than ${PRICE_TABLE_MAX_AGE_DAYS}): run npm run cost:refresh-prices to read AWS's current Price List.`;
}

export interface CostComparison {
  environment: string;
  region: string;
  chosen: Compute;
  traffic: Traffic;
  lambda: ComputeCost;
  ec2: ComputeCost;
  cheaper: Compute;
  /** The chosen compute's monthly cost over the other's. */
  chosenOverOther: number;
  breakEven?: BreakEven;
  recommendation: string;
  /** Plain sentences: the chosen compute costs too much, or the fleet cannot grow to the traffic. */
  warnings: string[];
  pricesAsOf: string;
  options: CompareOptions;
}

/** The same traffic shape at another monthly volume: average and peak scale together. */
export function trafficAtVolume(traffic: Traffic, requestsPerMonth: number): Traffic {
  const averageRps = requestsPerMonth / SECONDS_PER_MONTH;
  const peakToAverage = traffic.averageRps > 0 ? traffic.peakRps / traffic.averageRps : 1;
  return { ...traffic, requestsPerMonth, averageRps, peakRps: averageRps * peakToAverage };
}

export function costsAt(environment: Environment, traffic: Traffic, options: CompareOptions = {}): { lambda: ComputeCost; ec2: ComputeCost } {
  const prices = pricesFor(environment.region);
  return {
    lambda: lambdaMonthlyCost(environment.lambda, traffic, prices, { includeFreeTier: options.includeFreeTier }),
    ec2: ec2MonthlyCost(environment.ec2, traffic, prices),
  };
}

/**
 * The lowest monthly volume at which the two computes cost the same, found on
 * a log grid and refined by bisection; undefined when one is cheaper across
 * the whole range.
 */
export function findBreakEven(environment: Environment, traffic: Traffic, options: CompareOptions = {}): BreakEven | undefined {
  const difference = (volume: number) => {
    const { lambda, ec2 } = costsAt(environment, trafficAtVolume(traffic, volume), options);
    return lambda.totalUsd - ec2.totalUsd;
  };
  const [low, high] = VOLUME_RANGE.map(Math.log10) as [number, number];
  const steps = 140;
  let previous = 10 ** low;
  let previousDifference = difference(previous);
  for (let i = 1; i <= steps; i++) {
    const volume = 10 ** (low + ((high - low) * i) / steps);
    const current = difference(volume);
    if (Math.sign(current) !== Math.sign(previousDifference) && current !== 0) {
      let [a, b] = [previous, volume];
      for (let j = 0; j < 60; j++) {
        const middle = (a + b) / 2;
        if (Math.sign(difference(middle)) === Math.sign(previousDifference)) a = middle;
        else b = middle;
      }
      const requestsPerMonth = (a + b) / 2;
      return { requestsPerMonth, averageRps: requestsPerMonth / SECONDS_PER_MONTH, cheaperBelow: previousDifference < 0 ? 'lambda' : 'ec2' };
    }
    previous = volume;
    previousDifference = current;
  }
  return undefined;
}

export function compareComputes(environment: Environment, traffic: Traffic, options: CompareOptions = {}): CostComparison {
  const { lambda, ec2 } = costsAt(environment, traffic, options);
  const cheaper: Compute = lambda.totalUsd <= ec2.totalUsd ? 'lambda' : 'ec2';
  const costs = { lambda: lambda.totalUsd, ec2: ec2.totalUsd };
  const otherCost = costs[otherCompute(environment.compute)];
  const chosenOverOther = otherCost > 0 ? costs[environment.compute] / otherCost : Infinity;
  const breakEven = findBreakEven(environment, traffic, options);

  let recommendation = `${computeName(cheaper)} is cheaper at ${formatVolume(traffic.requestsPerMonth)} requests a month (${formatUsd(Math.min(lambda.totalUsd, ec2.totalUsd))} against ${formatUsd(Math.max(lambda.totalUsd, ec2.totalUsd))}).`;
  if (breakEven) {
    const direction = breakEven.cheaperBelow === cheaper ? 'up to' : 'from';
    recommendation += ` It stays cheaper ${direction} about ${formatVolume(breakEven.requestsPerMonth)} requests a month (${breakEven.averageRps.toFixed(1)} req/s on average); ${direction === 'up to' ? 'beyond' : 'below'} that, ${computeName(otherCompute(cheaper))} is.`;
  } else {
    recommendation += ` It is cheaper at every volume from ${formatVolume(VOLUME_RANGE[0])} to ${formatVolume(VOLUME_RANGE[1])} requests a month.`;
  }
  recommendation += environment.compute === cheaper ? ` Keep ${environment.compute}.` : ` Consider switching compute to ${cheaper}.`;
  const warnings: string[] = [];
  if (chosenOverOther > WARN_RATIO) {
    warnings.push(
      `${environment.name} runs on ${computeName(environment.compute)}, which costs ${chosenOverOther.toFixed(2)}× ${computeName(otherCompute(environment.compute))} at the declared traffic.`,
    );
  }
  const needed = instancesNeeded(environment.ec2, traffic);
  if (needed > environment.ec2.maxInstances) {
    warnings.push(
      `On EC2 the peak of ${traffic.peakRps} req/s needs ${needed} instances at ${Math.round(requestsPerInstanceAtTarget(environment.ec2))} req/s each (the scaling target), but ec2.maxInstances is ${environment.ec2.maxInstances}: raise it, or the peak goes unserved.`,
    );
  }

  const stale = stalePricesWarning(pricesFor(environment.region).asOf, environment.region, options.today);
  if (stale) warnings.push(stale);

  return {
    environment: environment.name,
    region: environment.region,
    chosen: environment.compute,
    traffic,
    lambda,
    ec2,
    cheaper,
    chosenOverOther,
    ...(breakEven ? { breakEven } : {}),
    recommendation,
    warnings,
    pricesAsOf: pricesFor(environment.region).asOf,
    options,
  };
}
