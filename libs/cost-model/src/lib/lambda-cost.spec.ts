import { LAMBDA_DEFAULTS, resolveTraffic } from '@greeter/environment-config';
import { lambdaMonthlyCost } from './lambda-cost';
import { pricesFor } from './prices';

const usEast1 = pricesFor('us-east-1');
const byItem = (lines: Array<{ item: string; monthlyUsd: number }>) => Object.fromEntries(lines.map((l) => [l.item, l.monthlyUsd]));

const lambdaOnly = { includeHttpApi: false, includeLogs: false, includeOperations: false, includeFreeTier: true };

// The Lambda pricing page's worked examples (US East) state their own rate,
// $0.00001667 per GB-second, and count the free tier.
const pricingPageRate = {
  ...usEast1,
  lambda: { ...usEast1.lambda, gbSecondTiers: { ...usEast1.lambda.gbSecondTiers, x86_64: [0.00001667, 0.000015, 0.0000133334] as [number, number, number] } },
};
const x86 = (memoryMb: number) => ({ ...LAMBDA_DEFAULTS, memoryMb, architecture: 'x86_64' as const });

describe('lambdaMonthlyCost against the Lambda pricing page’s worked examples', () => {
  it('Example 1: 512 MB, 3 million invokes of 1 s: $18.34 of compute, $0.40 of requests, $18.74 a month', () => {
    const traffic = resolveTraffic({ requestsPerMonth: 3_000_000, peakRps: 10, averageDurationMs: 1000, averageResponseBytes: 1000 });

    const cost = lambdaMonthlyCost(x86(512), traffic, pricingPageRate, lambdaOnly);

    expect(cost.lines.find((l) => l.item.startsWith('Lambda duration'))?.quantity).toBe(1_100_000);
    expect(byItem(cost.lines)).toEqual({ 'Lambda requests': 0.4, 'Lambda duration (x86_64)': 18.34 });
    expect(cost.totalUsd).toBe(18.74);
  });

  it('Example 2: 128 MB, 30 million invokes of 200 ms: $5.83 of compute, $5.80 of requests, $11.63 a month', () => {
    const traffic = resolveTraffic({ requestsPerMonth: 30_000_000, peakRps: 50, averageDurationMs: 200, averageResponseBytes: 1000 });

    const cost = lambdaMonthlyCost(x86(128), traffic, pricingPageRate, lambdaOnly);

    expect(byItem(cost.lines)).toEqual({ 'Lambda requests': 5.8, 'Lambda duration (x86_64)': 5.83 });
    expect(cost.totalUsd).toBe(11.63);
  });
});

// 3 million requests a month, 120 ms each, 1,536 MB: 540,000 GB-seconds at today's rates.
const mobileBackend = resolveTraffic({ requestsPerMonth: 3_000_000, peakRps: 10, averageDurationMs: 120, averageResponseBytes: 1000 });
const withoutFreeTier = { includeHttpApi: false, includeLogs: false, includeOperations: false };

describe('lambdaMonthlyCost at today’s us-east-1 rates', () => {
  it('x86: 540,000 GB-s cost $9.00 and 3 million requests $0.60, $9.60 in all', () => {
    const cost = lambdaMonthlyCost(x86(1536), mobileBackend, usEast1, withoutFreeTier);

    expect(cost.lines.find((l) => l.item.startsWith('Lambda duration'))?.quantity).toBeCloseTo(540_000, 6);
    expect(byItem(cost.lines)).toEqual({ 'Lambda requests': 0.6, 'Lambda duration (x86_64)': 9.0 });
    expect(cost.totalUsd).toBe(9.6);
  });

  it('x86 with the free tier: 140,000 billable GB-s cost $2.33 and 2 million requests $0.40, $2.73 in all', () => {
    const cost = lambdaMonthlyCost(x86(1536), mobileBackend, usEast1, lambdaOnly);

    expect(byItem(cost.lines)).toEqual({ 'Lambda requests': 0.4, 'Lambda duration (x86_64)': 2.33 });
    expect(cost.totalUsd).toBe(2.73);
  });

  it('arm64: the same work costs $7.20 of duration, $7.80 in all', () => {
    const cost = lambdaMonthlyCost({ ...LAMBDA_DEFAULTS, memoryMb: 1536, architecture: 'arm64' }, mobileBackend, usEast1, withoutFreeTier);

    expect(byItem(cost.lines)).toEqual({ 'Lambda requests': 0.6, 'Lambda duration (arm64)': 7.2 });
    expect(cost.totalUsd).toBe(7.8);
  });
});

describe('lambdaMonthlyCost', () => {
  it('reproduces AWS’s tiered-pricing example: x86, 9 billion GB-seconds a month cost $145,000.20 of duration', () => {
    // 9 × 10^9 GB-s: 10^9 requests × 9 s × 1 GB.
    const heavy = resolveTraffic({ requestsPerMonth: 1e9, peakRps: 1000, averageDurationMs: 9_000, averageResponseBytes: 100 });

    const lines = byItem(lambdaMonthlyCost(x86(1024), heavy, usEast1, withoutFreeTier).lines);

    // First 6 billion at $0.0000166667 ($100,000.20), the next 3 billion at $0.000015 ($45,000).
    expect(lines).toMatchObject({ 'Lambda duration (x86_64)': 100_000.2, 'Lambda duration (x86_64, tier 2)': 45_000 });
    expect(lines['Lambda duration (x86_64)']! + lines['Lambda duration (x86_64, tier 2)']!).toBeCloseTo(145_000.2, 6);
  });

  it('tiers arm64 at its own limits, 7.5 and then 11.25 billion GB-seconds: 20 billion cost $248,335.00 (worked by hand)', () => {
    // 2 × 10^9 requests × 10 s × 1 GB = 20 × 10^9 GB-s:
    //   7.5 billion × $0.0000133334 = $100,000.50
    //   11.25 billion × $0.0000120001 = $135,001.125
    //   1.25 billion × $0.0000106667 = $13,333.375
    const heavy = resolveTraffic({ requestsPerMonth: 2e9, peakRps: 1000, averageDurationMs: 10_000, averageResponseBytes: 100 });

    const lines = byItem(lambdaMonthlyCost({ ...LAMBDA_DEFAULTS, memoryMb: 1024 }, heavy, usEast1, withoutFreeTier).lines);

    expect(lines).toMatchObject({
      'Lambda duration (arm64)': 100_000.5,
      'Lambda duration (arm64, tier 2)': 135_001.13,
      'Lambda duration (arm64, tier 3)': 13_333.38,
    });
  });

  it('bills each invocation rounded up to the millisecond', () => {
    const traffic = resolveTraffic({ requestsPerMonth: 1_000_000, peakRps: 1, averageDurationMs: 12.3, averageResponseBytes: 100 });

    const duration = lambdaMonthlyCost(x86(1024), traffic, usEast1, withoutFreeTier).lines.find((l) => l.item === 'Lambda duration (x86_64)')!;

    // 1,000,000 × 13 ms × 1 GB.
    expect(duration.quantity).toBeCloseTo(13_000, 6);
  });

  it('charges provisioned concurrency for every hour of the month', () => {
    const quiet = resolveTraffic({ requestsPerMonth: 0, peakRps: 0, averageDurationMs: 20, averageResponseBytes: 100 });

    const cost = lambdaMonthlyCost({ ...x86(1024), provisionedConcurrency: 2 }, quiet, usEast1, withoutFreeTier);

    // 2 × 1 GB × 730 h × 3600 s = 5,256,000 GB-s at $0.0000041667.
    expect(byItem(cost.lines)['Provisioned concurrency (2)']).toBe(21.9);
  });

  it('charges invocations served by provisioned concurrency at its duration rate, and what spills over at the on-demand one', () => {
    // 26,280,000 requests of 100 ms a month: 1 concurrent on average. 1 GB, arm64.
    const steady = resolveTraffic({ requestsPerMonth: 26_280_000, peakRps: 20, averageDurationMs: 100, averageResponseBytes: 100 });
    const arm = { ...LAMBDA_DEFAULTS, memoryMb: 1024 };

    const covered = byItem(lambdaMonthlyCost({ ...arm, provisionedConcurrency: 2 }, steady, usEast1, withoutFreeTier).lines);
    // All 2,628,000 GB-s on provisioned environments at $0.0000077778; none on demand.
    expect(covered['Lambda duration on provisioned concurrency (arm64)']).toBe(20.44);
    expect(covered['Lambda duration (arm64)']).toBeUndefined();

    const half = byItem(
      lambdaMonthlyCost(
        { ...arm, provisionedConcurrency: 1 },
        resolveTraffic({ requestsPerMonth: 52_560_000, peakRps: 20, averageDurationMs: 100, averageResponseBytes: 100 }),
        usEast1,
        withoutFreeTier,
      ).lines,
    );
    // 2 concurrent on average, 1 provisioned: half of 5,256,000 GB-s at each rate.
    expect(half['Lambda duration on provisioned concurrency (arm64)']).toBe(20.44);
    expect(half['Lambda duration (arm64)']).toBe(35.04);
  });

  it('gives a function with provisioned concurrency no free tier, as AWS does', () => {
    const small = resolveTraffic({ requestsPerMonth: 500_000, peakRps: 1, averageDurationMs: 100, averageResponseBytes: 100 });

    const withFreeTier = { includeHttpApi: false, includeLogs: false, includeOperations: false, includeFreeTier: true };
    expect(byItem(lambdaMonthlyCost(x86(1024), small, usEast1, withFreeTier).lines)['Lambda requests']).toBe(0);
    expect(byItem(lambdaMonthlyCost({ ...x86(1024), provisionedConcurrency: 1 }, small, usEast1, withFreeTier).lines)['Lambda requests']).toBe(0.1);
  });

  it('bills HTTP API requests in 512 KB units and tiers them past 300 million', () => {
    const big = resolveTraffic({ requestsPerMonth: 400_000_000, peakRps: 500, averageDurationMs: 10, averageResponseBytes: 600 * 1024 });

    const lines = byItem(lambdaMonthlyCost(LAMBDA_DEFAULTS, big, usEast1, { includeLogs: false, includeOperations: false }).lines);

    // 800 million metered units: 300 million at $1.00, 500 million at $0.90.
    expect(lines['API Gateway HTTP API requests']).toBe(300);
    expect(lines['API Gateway HTTP API requests (over 300 million)']).toBe(450);
  });
});
