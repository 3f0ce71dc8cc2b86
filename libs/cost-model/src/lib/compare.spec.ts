import { HOURS_PER_MONTH, resolveTraffic, SECONDS_PER_MONTH, validateEnvironments } from '@greeter/environment-config';
import { ASSUMPTIONS } from './assumptions';
import { compareComputes, findBreakEven } from './compare';
import { pricesFor } from './prices';
import { instancesNeeded } from './ec2-cost';

const [environment] = validateEnvironments([
  {
    name: 'calc',
    region: 'us-east-1',
    compute: 'ec2',
    lambda: { memoryMb: 512, architecture: 'arm64' },
    // Capacity so large that two instances carry any volume: EC2's cost is then a line, as is Lambda's.
    ec2: {
      instanceType: 't4g.small',
      minInstances: 2,
      desiredInstances: 2,
      maxInstances: 4,
      scaling: { metric: 'cpuUtilization', target: 50 },
      capacityRequestsPerSecond: 1e12,
      createSsmEndpoints: false,
    },
  },
]);
const traffic = resolveTraffic({ averageRps: 5, peakRps: 10, averageDurationMs: 20, averageResponseBytes: 100 });

describe('findBreakEven', () => {
  it('agrees with the break-even worked out by hand from the published prices', () => {
    // Both pay the same for 5 alarms, a dashboard and data transfer out: they cancel.
    // Lambda, per request: request fee + arm64 GB-seconds + HTTP API request + log ingestion + X-Ray's 5% past its
    // first trace each second; fixed: that reservoir, (1 - 0.05) traces each second of the month (the break-even lies above 1 req/s).
    const lambdaPerRequest =
      0.2e-6 +
      0.02 * 0.5 * 0.0000133334 +
      1.0e-6 +
      ((ASSUMPTIONS.lambdaLogBytesPerRequest + ASSUMPTIONS.httpApiAccessLogBytesPerRequest) / 1e9) * 0.5 +
      0.05 * 5e-6;
    const lambdaFixed = (1 - 0.05) * SECONDS_PER_MONTH * 5e-6;
    // EC2, fixed: two instances, their volumes, the ALB's hours, two public IPv4 addresses, the logs endpoint in two
    // zones, detailed monitoring (7 metrics × 2), the web ACL and its 3 rules.
    const ec2Fixed =
      2 * HOURS_PER_MONTH * 0.0168 +
      2 * 8 * 0.08 +
      HOURS_PER_MONTH * 0.0225 +
      2 * HOURS_PER_MONTH * 0.005 +
      2 * HOURS_PER_MONTH * 0.01 +
      14 * 0.3 +
      (5 + 3 * 1);
    // EC2, per request: LCUs (new connections are the largest dimension here: 1 per 10 requests, 25 per LCU), app log
    // ingestion and its trip through the endpoint, flow logs, 90 days of access logs in S3, WAF's inspection and its logs.
    const lcuHoursPerRequest = (1 / ASSUMPTIONS.albRequestsPerConnection / 25) * (HOURS_PER_MONTH / SECONDS_PER_MONTH);
    const ec2PerRequest =
      lcuHoursPerRequest * 0.008 +
      (ASSUMPTIONS.ec2LogBytesPerRequest / 1e9) * (0.5 + 0.01) +
      (ASSUMPTIONS.flowLogBytesPerConnection / ASSUMPTIONS.albRequestsPerConnection / 1e9) * 0.5 +
      ((ASSUMPTIONS.albAccessLogBytesPerRequest * 3) / 1e9) * 0.023 +
      0.6e-6 +
      ((ASSUMPTIONS.wafLoggedShare * ASSUMPTIONS.wafLogBytesPerRequest) / 1e9) * 0.5;
    const byHand = (ec2Fixed - lambdaFixed) / (lambdaPerRequest - ec2PerRequest);

    const breakEven = findBreakEven(environment!, traffic);

    expect(breakEven?.cheaperBelow).toBe('lambda');
    expect(Math.abs(breakEven!.requestsPerMonth - byHand) / byHand).toBeLessThan(0.002);
  });
});

// The day the prices were read: these tests are about the comparison, not the table's age.
const pricedDay = { today: new Date(`${pricesFor('us-east-1').asOf}T00:00:00Z`) };

describe('compareComputes', () => {
  it('recommends the cheaper compute and warns when the chosen one costs over 1.25× the other', () => {
    const comparison = compareComputes(environment!, traffic, pricedDay);

    expect(comparison.cheaper).toBe('lambda');
    expect(comparison.chosenOverOther).toBeGreaterThan(1.25);
    expect(comparison.warnings).toEqual([expect.stringMatching(/^calc runs on EC2, which costs \d+\.\d\d× Lambda at the declared traffic\.$/)]);
    expect(comparison.recommendation).toMatch(/^Lambda is cheaper at 13\.1 million requests a month .* Consider switching compute to lambda\.$/);
  });

  it('does not warn when the chosen compute is the cheaper one', () => {
    const comparison = compareComputes({ ...environment!, compute: 'lambda' }, traffic, pricedDay);

    expect(comparison.warnings).toEqual([]);
    expect(comparison.recommendation).toMatch(/Keep lambda\.$/);
  });
});

describe('compareComputes with a fleet too small for the peak', () => {
  it('warns that the peak needs more instances than ec2.maxInstances allows', () => {
    const small = { ...environment!, ec2: { ...environment!.ec2, capacityRequestsPerSecond: 100, maxInstances: 4 } };

    const comparison = compareComputes(small, { ...traffic, peakRps: 1000 });

    expect(comparison.warnings).toContain(
      'On EC2 the peak of 1000 req/s needs 10 instances at 100 req/s each (the scaling target), but ec2.maxInstances is 4: raise it, or the peak goes unserved.',
    );
  });
});

describe('instancesNeeded', () => {
  it('is the configured minimum, or enough for the peak at each instance’s capacity', () => {
    const sizing = { ...environment!.ec2, minInstances: 2, capacityRequestsPerSecond: 500 };

    expect(instancesNeeded(sizing, { ...traffic, peakRps: 100 })).toBe(2);
    expect(instancesNeeded(sizing, { ...traffic, peakRps: 1_600 })).toBe(4);
  });
});

describe('the price table’s age', () => {
  it('warns once the region’s table is older than 180 days, and says where to update it', () => {
    const asOf = pricesFor('us-east-1').asOf;
    const day = (offset: number) => new Date(new Date(`${asOf}T00:00:00Z`).getTime() + offset * 86_400_000);

    expect(compareComputes(environment!, traffic, { today: day(180) }).warnings.some((w) => w.includes('prices are from'))).toBe(false);
    expect(compareComputes(environment!, traffic, { today: day(181) }).warnings).toContain(
      `The us-east-1 prices are from ${asOf}, 181 days ago (more than 180): run npm run cost:refresh-prices to read AWS's current Price List.`,
    );
  });
});
