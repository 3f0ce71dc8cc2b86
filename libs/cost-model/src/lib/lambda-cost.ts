import { type LambdaSizing, SECONDS_PER_MONTH, type Traffic } from '@greeter/environment-config';
import { ASSUMPTIONS } from './assumptions';
import { type ComputeCost, line, type LineItem, total } from './line-items';
import { dataTransferOutLine, monitoringLines, xrayTracesLine } from './operations-cost';
import type { RegionPrices } from './prices';

/** How many GB-seconds a month each duration tier holds before the next price applies, per architecture (AWS Lambda pricing). */
export const LAMBDA_GB_SECOND_TIERS = { x86_64: [6_000_000_000, 9_000_000_000], arm64: [7_500_000_000, 11_250_000_000] } as const;
/** How many HTTP API requests a month the first price covers (AWS API Gateway pricing). */
export const HTTP_API_TIERS = [300_000_000] as const;
const HTTP_API_METERING_BYTES = 512 * 1024;

export interface LambdaCostOptions {
  includeFreeTier?: boolean;
  /** Leave out API Gateway, to check Lambda's own arithmetic. */
  includeHttpApi?: boolean;
  includeLogs?: boolean;
  /** Alarms, dashboard, X-Ray and data transfer out: what the stack adds around the function (off to check Lambda's own arithmetic). */
  includeOperations?: boolean;
}

/** The golden-signal alarms of a Lambda environment: five, and one more on concurrency when it reserves some (infra/src/operations/golden-signals.ts). */
export const lambdaAlarmCount = (sizing: LambdaSizing): number => 5 + ((sizing.reservedConcurrency ?? 0) > 0 ? 1 : 0);

/** Splits a quantity across price tiers: [[quantity, unit price], …]. */
function tiered(quantity: number, limits: readonly number[], prices: readonly number[]): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let left = quantity;
  prices.forEach((price, i) => {
    const room = i < limits.length ? limits[i] : Infinity;
    const used = Math.min(left, room);
    if (used > 0) parts.push([used, price]);
    left -= used;
  });
  return parts;
}

export function lambdaMonthlyCost(sizing: LambdaSizing, traffic: Traffic, prices: RegionPrices, options: LambdaCostOptions = {}): ComputeCost {
  const { includeFreeTier = false, includeHttpApi = true, includeLogs = true, includeOperations = true } = options;
  const lambda = prices.lambda;
  const lines: LineItem[] = [];
  const requests = traffic.requestsPerMonth;
  const memoryGb = sizing.memoryMb / 1024;

  // AWS gives no free tier to a function with provisioned concurrency.
  const freeTier = includeFreeTier && sizing.provisionedConcurrency === 0;
  const billableRequests = Math.max(0, requests - (freeTier ? lambda.freeTier.requests : 0));
  lines.push(line('Lambda requests', billableRequests / 1e6, 'million requests', lambda.perMillionRequests));

  // Lambda bills each invocation's duration rounded up to the millisecond.
  const billedSeconds = Math.ceil(traffic.averageDurationMs) / 1000;
  const gbSeconds = requests * billedSeconds * memoryGb;
  // Provisioned environments serve up to their number of concurrent requests at their own duration
  // rate; the rest spill over to on-demand (traffic assumed spread evenly over the month).
  const averageConcurrency = traffic.averageRps * billedSeconds;
  const servedByProvisioned =
    sizing.provisionedConcurrency === 0 ? 0 : averageConcurrency === 0 ? 1 : Math.min(1, sizing.provisionedConcurrency / averageConcurrency);
  const onDemandGbSeconds = gbSeconds * (1 - servedByProvisioned);
  const billableGbSeconds = Math.max(0, onDemandGbSeconds - (freeTier ? lambda.freeTier.gbSeconds : 0));
  const tiers = tiered(billableGbSeconds, LAMBDA_GB_SECOND_TIERS[sizing.architecture], lambda.gbSecondTiers[sizing.architecture]);
  if (tiers.length === 0 && servedByProvisioned < 1) tiers.push([0, lambda.gbSecondTiers[sizing.architecture][0]]);
  tiers.forEach(([quantity, price], i) =>
    lines.push(line(`Lambda duration (${sizing.architecture}${i > 0 ? `, tier ${i + 1}` : ''})`, quantity, 'GB-seconds', price)),
  );

  if (sizing.provisionedConcurrency > 0) {
    lines.push(
      line(
        `Lambda duration on provisioned concurrency (${sizing.architecture})`,
        gbSeconds * servedByProvisioned,
        'GB-seconds',
        lambda.provisionedDurationPerGbSecond[sizing.architecture],
      ),
    );
    const provisioned = sizing.provisionedConcurrency * memoryGb * SECONDS_PER_MONTH;
    lines.push(
      line(
        `Provisioned concurrency (${sizing.provisionedConcurrency})`,
        provisioned,
        'GB-seconds',
        lambda.provisionedConcurrencyPerGbSecond[sizing.architecture],
      ),
    );
  }

  if (includeHttpApi) {
    const metered = requests * Math.max(1, Math.ceil(traffic.averageResponseBytes / HTTP_API_METERING_BYTES));
    tiered(metered, [...HTTP_API_TIERS], prices.httpApiPerMillion).forEach(([quantity, price], i) =>
      lines.push(line(`API Gateway HTTP API requests${i > 0 ? ' (over 300 million)' : ''}`, quantity / 1e6, 'million requests', price)),
    );
  }
  if (includeLogs) {
    const bytes = requests * (ASSUMPTIONS.lambdaLogBytesPerRequest + (includeHttpApi ? ASSUMPTIONS.httpApiAccessLogBytesPerRequest : 0));
    lines.push(line('CloudWatch Logs ingestion', bytes / 1e9, 'GB', prices.cloudWatchLogsIngestionPerGb));
  }
  if (includeOperations) {
    lines.push(xrayTracesLine(traffic, prices), ...monitoringLines(lambdaAlarmCount(sizing), prices), dataTransferOutLine(traffic, prices));
  }
  return total('lambda', lines);
}
