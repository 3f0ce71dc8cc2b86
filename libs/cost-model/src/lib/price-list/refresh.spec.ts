import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRICE_TABLES } from '../prices';
import { type OfferSource, PriceRefreshError, refreshPriceTables } from './refresh';

/**
 * The fixture: AWS's Price List layout (offer index, region indexes, one CSV
 * offer file per service and region) cut down to the rows that matter and
 * rows that must not be taken (free tiers, capacity blocks, RHEL, reserved,
 * high-resolution alarms, other tiers, other load balancers).
 */
const FIXTURE = join(__dirname, 'fixtures');
const INSTANCE_TYPES = Object.keys(PRICE_TABLES[0]!.prices.ec2PerHour);
const today = new Date('2026-12-01T09:00:00Z');

/** The fixture as the endpoint serves it, with an optional edit of each offer file's lines. */
function fixtureSource(edit: (line: string, path: string) => string = (line) => line): OfferSource {
  return {
    json: async (path) => JSON.parse(readFileSync(join(FIXTURE, path), 'utf8')),
    async *lines(path) {
      for (const line of readFileSync(join(FIXTURE, path), 'utf8').split('\n')) yield edit(line, path);
    },
  };
}

/** The fixture row's SKU for a usage type (and a text in its line). */
function skuOf(offer: string, region: string, usageType: string, also = ''): string {
  const file = readFileSync(join(FIXTURE, `offers/v1.0/aws/${offer}/20261120180411/${region}/index.csv`), 'utf8');
  const line = file.split('\n').find((l) => l.includes(`"${usageType}"`) && l.includes(also) && l.includes('"OnDemand"'))!;
  return line.slice(1, 17);
}

describe('refreshPriceTables on a Price List in the real file format', () => {
  let tables: Awaited<ReturnType<typeof refreshPriceTables>>;
  beforeAll(async () => {
    tables = await refreshPriceTables(
      fixtureSource(),
      [
        { region: 'us-east-1', instanceTypes: ['t4g.small', 'm7g.large'] },
        { region: 'eu-west-1', instanceTypes: ['t4g.small'] },
      ],
      INSTANCE_TYPES,
      today,
      'fixture',
    );
  });
  const table = (region: string) => tables.find((t) => t.region === region)!;

  it('dates the table today and records each offer’s version and publication date', () => {
    expect(table('eu-west-1').asOf).toBe('2026-12-01');
    expect(Object.keys(table('eu-west-1').offers)).toHaveLength(10);
    expect(table('eu-west-1').offers['AmazonEC2']).toEqual({ version: '20261120180411', publicationDate: '2026-11-20T18:04:11Z' });
  });

  it('takes the Linux, shared-tenancy, on-demand hour of each instance type, with its SKU (not RHEL, capacity blocks or reserved terms)', () => {
    expect(table('eu-west-1').prices.ec2PerHour['t4g.small']).toBe(0.0184);
    expect(table('us-east-1').prices.ec2PerHour['m7g.large']).toBe(0.0816);
    expect(table('eu-west-1').skus['ec2PerHour/t4g.small']).toEqual({
      sku: skuOf('AmazonEC2', 'eu-west-1', 'EU-BoxUsage:t4g.small', 'per On Demand Linux'),
      description: '$0.0184 per On Demand Linux t4g.small Instance Hour',
    });
  });

  it('turns per-request prices into per-million ones, and reads every tier of a tiered price', () => {
    // 0.0000002000 per request; 0.0000011100 and 0.0000010000 per HTTP API request in eu-west-1.
    expect(table('us-east-1').prices.lambda.perMillionRequests).toBe(0.2);
    expect(table('eu-west-1').prices.httpApiPerMillion).toEqual([1.11, 1]);
    expect(table('us-east-1').prices.lambda.gbSecondTiers.arm64).toEqual([0.0000133334, 0.0000120001, 0.0000106667]);
    expect(table('us-east-1').skus['lambda/gbSecondTiers/arm64/2']?.description).toBe('AWS Lambda - Total Compute ARM - US East (N. Virginia) (tier 3)');
  });

  it('skips free-tier rows and picks the tier it prices: data transfer past the free 100 GB, the first tier of metrics and logs', () => {
    expect(table('us-east-1').prices.dataTransferOutPerGb).toBe(0.09);
    expect(table('us-east-1').prices.cloudWatch.perMetricMonth).toBe(0.3);
    expect(table('eu-west-1').prices.vendedLogsIngestionPerGb).toBe(0.57);
    expect(table('us-east-1').prices.xrayPerMillionTraces).toBe(5);
  });

  it('tells standard alarms from high-resolution ones, and application load balancers from network ones', () => {
    expect(table('us-east-1').prices.cloudWatch.perAlarmMonth).toBe(0.1);
    expect(table('eu-west-1').prices.alb.perHour).toBe(0.0252);
    expect(table('eu-west-1').prices.alb.perLcuHour).toBe(0.008);
  });

  it('reads a price that has no region (CloudWatch dashboards) from each region’s file', () => {
    expect(table('eu-west-1').prices.cloudWatch.perDashboardMonth).toBe(3);
  });

  it('fills every price the shipped tables hold, each with a SKU', () => {
    const paths = (value: unknown, at = ''): string[] =>
      typeof value === 'number' ? [at] : Object.entries(value as object).flatMap(([key, inner]) => paths(inner, at ? `${at}/${key}` : key));
    for (const shipped of PRICE_TABLES) {
      const refreshed = table(shipped.region);
      expect(paths(refreshed.prices).sort()).toEqual(paths(shipped.prices).sort());
      expect(Object.keys(refreshed.skus).sort()).toEqual(paths(shipped.prices).sort());
    }
  });
});

describe('refreshPriceTables on files that do not say what the model needs', () => {
  const refuse = (edit: (line: string, path: string) => string) =>
    refreshPriceTables(fixtureSource(edit), [{ region: 'eu-west-1', instanceTypes: ['t4g.small'] }], ['m7g.large'], today, 'fixture');
  const problemsOf = async (edit: (line: string, path: string) => string) => {
    try {
      await refuse(edit);
    } catch (error) {
      if (error instanceof PriceRefreshError) return error.problems;
      throw error;
    }
    throw new Error('expected the refresh to be refused');
  };

  it('refuses tiers that moved, naming the price and both sets of boundaries', async () => {
    const problems = await problemsOf((line) => line.replace('"7500000000"', '"8000000000"'));

    expect(problems).toContain(
      "lambda/gbSecondTiers/arm64 (AWSLambda eu-west-1, usage type Lambda-GB-Second-ARM): tiers start at 0, 8000000000, 18750000000, the model's at 0, 7500000000, 18750000000; update the tiers in the cost model first",
    );
  });

  it('refuses a price in another unit, a price gone, and rows that disagree, all in one report', async () => {
    const problems = await problemsOf((line) =>
      line
        .replace('"LCU-Hrs"', '"LCU-Minutes"')
        .replace('"EU-PublicIPv4:InUseAddress"', '"EU-PublicIPv4:Renamed"')
        // The RHEL row relabelled as plain Linux: two prices for one instance hour.
        .replace(/^(.*"RHEL t4g\.small".*)$/, (rhel) => rhel.replace('"RHEL"', '"Linux"').replace('"RunInstances:0010"', '"RunInstances"')),
    );

    expect(problems).toEqual(
      expect.arrayContaining([
        'alb/perLcuHour (AWSELB eu-west-1, usage type LCUUsage, productfamily Load Balancer-Application): priced per "LCU-Minutes", expected "LCU-Hrs"',
        'publicIpv4PerHour (AmazonVPC eu-west-1, usage type PublicIPv4:InUseAddress): no on-demand row in the offer file',
        expect.stringMatching(
          /^ec2PerHour\/t4g\.small \(AmazonEC2 eu-west-1, usage type BoxUsage:t4g\.small, operatingsystem Linux, .*\): 2 different prices \(\w+ 0\.0184000000, \w+ 0\.0202400000\); the spec needs a narrower match$/,
        ),
      ]),
    );
  });

  it('refuses a price of 0 or none at all, rather than price something as free', async () => {
    const problems = await problemsOf((line) => line.replace('"0.0252000000","USD"', '"","USD"'));

    expect(problems).toEqual([
      expect.stringMatching(
        /^alb\/perHour \(AWSELB eu-west-1, usage type LoadBalancerUsage, productfamily Load Balancer-Application\): row \w+ has no price above 0 \(""\)$/,
      ),
    ]);
  });

  it('leaves out an instance type the region does not offer unless one of its environments uses it', async () => {
    const withoutM7g = (line: string) => (line.includes('BoxUsage:m7g.large') ? '' : line);
    const [table] = await refreshPriceTables(
      fixtureSource(withoutM7g),
      [{ region: 'eu-west-1', instanceTypes: ['t4g.small'] }],
      ['m7g.large'],
      today,
      'fixture',
    );

    expect(table!.prices.ec2PerHour).toEqual({ 't4g.small': 0.0184 });
    await expect(refreshPriceTables(fixtureSource(withoutM7g), [{ region: 'eu-west-1', instanceTypes: ['m7g.large'] }], [], today, 'fixture')).rejects.toThrow(
      /ec2PerHour\/m7g\.large \(AmazonEC2 eu-west-1, usage type BoxUsage:m7g\.large, .*\): no on-demand row in the offer file/,
    );
  });

  it('refuses a file that is not the offer it was listed as', async () => {
    const problems = await problemsOf((line, path) => (path.includes('/awswaf/') ? line.replace('"OfferCode","awswaf"', '"OfferCode","AWSShield"') : line));

    expect(problems).toContain('the awswaf file for eu-west-1 says it is AWSShield');
  });
});
