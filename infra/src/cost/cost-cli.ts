import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  compareComputes,
  type ComputeCost,
  computeName,
  type CostComparison,
  formatUsd,
  MissingPriceError,
  renderCostChart,
  trafficAtVolume,
} from '@greeter/cost-model';
import { type Environment, type EnvironmentDeclaration, resolveTraffic, SECONDS_PER_MONTH, type Traffic } from '@greeter/environment-config';
import { chosenEnvironments, type CommandIo, ENVIRONMENT_OPTIONS, parseCommandLine } from '../command-line';
import { switchCommand } from '../compute/other-compute-guard';
import { stackName } from '../greeter-stack';
import { switchMinutes } from './switch-cost';

export const COST_USAGE = `Usage: npm run cost -- [--environment NAME] [--rps N] [--free-tier] [--json] [--svg-dir DIR]
         (or npx nx run infra:cost --environment=NAME …)
  --environment NAME, --env NAME
                 only this environment (default: all)
  --rps N        what-if: this average rate instead of the declared one (peak scales with it)
  --free-tier    count Lambda's free tier (it is per account, so off by default)
  --json         print the comparisons as JSON, for scripts
  --svg-dir DIR  where the charts go (default: dist/cost)`;

/** What --rps assumes for an environment that declares no traffic. */
const WHAT_IF_DEFAULTS = { averageDurationMs: 20, averageResponseBytes: 200, peakToAverage: 2 };

export type CostCliIo = CommandIo;

/** The declared traffic, or with --rps the same shape at that average rate. */
function trafficFor(environment: Environment, rps: number | undefined): Traffic | undefined {
  if (rps === undefined) return environment.traffic;
  if (environment.traffic) return trafficAtVolume(environment.traffic, rps * SECONDS_PER_MONTH);
  return resolveTraffic({ averageRps: rps, peakRps: rps * WHAT_IF_DEFAULTS.peakToAverage, ...WHAT_IF_DEFAULTS });
}

function describeCost(title: string, cost: ComputeCost, width: number): string[] {
  const lines = [`  ${title.padEnd(width + 2)}${formatUsd(cost.totalUsd).padStart(12)} a month`];
  for (const item of cost.lines) {
    const quantity = item.quantity.toLocaleString('en-US', { maximumFractionDigits: 2 });
    lines.push(`    ${item.item.padEnd(width)}${formatUsd(item.monthlyUsd).padStart(12)}   (${quantity} ${item.unit} × $${item.unitPriceUsd})`);
  }
  return lines;
}

/** What one instance serves at the scaling target, and where that figure comes from. */
function describeCapacity(ec2: Environment['ec2']): string {
  const source = ec2.capacityBasis === 'declared' ? 'ec2.capacityRequestsPerSecond in infra/environments.ts' : ec2.capacityBasis;
  return `    capacity: ${ec2.capacityRequestsPerSecond} req/s per instance (${source}); scaling on ${ec2.scaling.metric} at ${ec2.scaling.target}`;
}

/** When the other compute is cheaper: the change and the command that switch, and what the switch takes. */
function switchLines(environment: Environment, comparison: CostComparison): string[] {
  if (comparison.cheaper === comparison.chosen) return [];
  const saving = comparison[comparison.chosen].totalUsd - comparison[comparison.cheaper].totalUsd;
  const target = { ...environment, compute: comparison.cheaper };
  return [
    `  to switch (${formatUsd(saving)} a month less): set compute: '${comparison.cheaper}' for ${comparison.environment} in infra/environments.ts, then ${switchCommand(environment)}`,
    `    it moves requests step by step while both computes run, about ${switchMinutes(target)} min, no downtime${environment.domain ? '' : '; without a domain the URL changes'} (docs/compute-switch.md)`,
  ];
}

function describe(environment: Environment, comparison: CostComparison, chart: string): string {
  const t = comparison.traffic;
  const width = Math.max(52, ...[...comparison.lambda.lines, ...comparison.ec2.lines].map((l) => l.item.length));
  const lines = [
    `${stackName({ name: comparison.environment })} (${comparison.region}), runs on ${comparison.chosen}`,
    `  traffic: ${t.averageRps.toFixed(1)} req/s on average (${Math.round(t.requestsPerMonth).toLocaleString('en-US')} a month), peak ${t.peakRps.toFixed(1)} req/s, ${t.averageDurationMs} ms, ${t.averageResponseBytes} bytes per response`,
    ...describeCost('Lambda + API Gateway HTTP API', comparison.lambda, width),
    ...describeCost('EC2 Auto Scaling Group + ALB', comparison.ec2, width),
    describeCapacity(environment.ec2),
    `  ${comparison.breakEven ? `break-even: about ${Math.round(comparison.breakEven.requestsPerMonth).toLocaleString('en-US')} requests a month (${comparison.breakEven.averageRps.toFixed(1)} req/s on average); ${computeName(comparison.breakEven.cheaperBelow)} is cheaper below it` : 'break-even: none in range'}`,
    `  recommendation: ${comparison.recommendation}`,
    ...switchLines(environment, comparison),
    ...comparison.warnings.map((warning) => `  WARNING: ${warning}`),
    `  chart: ${chart}`,
    `  prices as of ${comparison.pricesAsOf}; assumptions in libs/cost-model/src/lib/assumptions.ts`,
  ];
  return `${lines.join('\n')}\n`;
}

/** `npm run cost`: both computes' monthly cost for every environment. Returns the exit code. */
export function runCostCli(argv: string[], declarations: EnvironmentDeclaration[], io: CostCliIo, workspaceRoot = resolve(__dirname, '../../..')): number {
  const parsed = parseCommandLine(
    argv,
    {
      ...ENVIRONMENT_OPTIONS,
      rps: { type: 'string' },
      json: { type: 'boolean', default: false },
      'free-tier': { type: 'boolean', default: false },
      'svg-dir': { type: 'string' },
    },
    COST_USAGE,
    io,
  );
  if (!parsed.values) return parsed.exitCode;
  const args = parsed.values;
  let rps: number | undefined;
  if (args.rps !== undefined) {
    rps = args.rps.trim() === '' ? Number.NaN : Number(args.rps);
    if (!Number.isFinite(rps) || rps < 0) {
      io.err(`--rps must be a number of requests per second, 0 or more (got ${JSON.stringify(args.rps)})\n`);
      return 2;
    }
  }
  const environments = chosenEnvironments(declarations, args, io);
  if (!environments) return 2;
  const svgDir = resolve(workspaceRoot, args['svg-dir'] ?? 'dist/cost');
  mkdirSync(svgDir, { recursive: true });

  const comparisons: CostComparison[] = [];
  for (const environment of environments) {
    const traffic = trafficFor(environment, rps);
    if (!traffic) {
      if (!args.json) io.out(`${stackName(environment)}: no traffic declared; add \`traffic\` to it in infra/environments.ts, or pass --rps\n\n`);
      continue;
    }
    let comparison: CostComparison;
    try {
      comparison = compareComputes(environment, traffic, { includeFreeTier: args['free-tier'] });
    } catch (error) {
      if (!(error instanceof MissingPriceError)) throw error;
      io.err(`${stackName(environment)}: ${error.message}\n`);
      return 2;
    }
    const chart = join(svgDir, `${stackName(environment)}.svg`);
    writeFileSync(chart, renderCostChart(environment, traffic, comparison));
    comparisons.push(comparison);
    if (!args.json) io.out(`${describe(environment, comparison, chart)}\n`);
  }
  if (args.json) io.out(`${JSON.stringify(comparisons, null, 2)}\n`);
  return 0;
}
