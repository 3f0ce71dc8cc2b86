import { HTTP_API_TIERS, LAMBDA_GB_SECOND_TIERS } from './lambda-cost';
import { REGION_TABLES } from './price-tables/index';

/**
 * On-demand prices in USD, one table per region (price-tables/<region>.json),
 * dated. `npm run cost:refresh-prices` rewrites the tables from AWS's public
 * Price List; nothing else reads prices.
 */
export interface RegionPrices {
  region: string;
  asOf: string;
  lambda: {
    perMillionRequests: number;
    /** Per GB-second, by monthly tier (LAMBDA_GB_SECOND_TIERS: x86 6 billion, the next 9 billion, then the rest; arm64 7.5, then 11.25). */
    gbSecondTiers: Record<'arm64' | 'x86_64', [number, number, number]>;
    /** Keeping provisioned environments ready, per GB-second of the month. */
    provisionedConcurrencyPerGbSecond: Record<'arm64' | 'x86_64', number>;
    /** Duration of invocations that provisioned environments serve, per GB-second (instead of the on-demand tiers). */
    provisionedDurationPerGbSecond: Record<'arm64' | 'x86_64', number>;
    freeTier: { requests: number; gbSeconds: number };
  };
  /** HTTP APIs: per million requests up to 300 million a month, then beyond. Requests are metered in 512 KB units. */
  httpApiPerMillion: [number, number];
  cloudWatchLogsIngestionPerGb: number;
  ec2PerHour: Record<string, number>;
  ebsGp3PerGbMonth: number;
  alb: { perHour: number; perLcuHour: number };
  publicIpv4PerHour: number;
  natGateway: { perHour: number; perGb: number };
  interfaceEndpointPerAzHour: number;
  /** Data through an interface endpoint (the app's logs on their way to CloudWatch Logs). */
  interfaceEndpointPerGb: number;
  /** CloudWatch: a standard-resolution metric alarm, a dashboard, and a metric (EC2 detailed monitoring is 7 per instance), each per month. */
  cloudWatch: { perAlarmMonth: number; perDashboardMonth: number; perMetricMonth: number };
  /** Vended logs (VPC flow logs, WAF logs) delivered to CloudWatch Logs. */
  vendedLogsIngestionPerGb: number;
  /** WAF: a web ACL and each rule (a managed rule group counts as one) per month, and requests it inspects. */
  waf: { perWebAclMonth: number; perRuleMonth: number; perMillionRequests: number };
  /** X-Ray: traces recorded. */
  xrayPerMillionTraces: number;
  /** Data sent from AWS to the internet, per GB (the first 10 TB a month; the first 100 GB are free per account). */
  dataTransferOutPerGb: number;
  s3StandardPerGbMonth: number;
}

export const PRICE_SOURCES = {
  lambda: 'https://aws.amazon.com/lambda/pricing/',
  httpApi: 'https://aws.amazon.com/api-gateway/pricing/',
  cloudWatchLogs: 'https://aws.amazon.com/cloudwatch/pricing/',
  ec2: 'https://aws.amazon.com/ec2/pricing/on-demand/',
  ebs: 'https://aws.amazon.com/ebs/pricing/',
  alb: 'https://aws.amazon.com/elasticloadbalancing/pricing/',
  publicIpv4: 'https://aws.amazon.com/vpc/pricing/',
  natGateway: 'https://aws.amazon.com/vpc/pricing/',
  interfaceEndpoint: 'https://aws.amazon.com/privatelink/pricing/',
  cloudWatch: 'https://aws.amazon.com/cloudwatch/pricing/',
  waf: 'https://aws.amazon.com/waf/pricing/',
  xray: 'https://aws.amazon.com/xray/pricing/',
  dataTransfer: 'https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer',
  s3: 'https://aws.amazon.com/s3/pricing/',
} as const;

/** Lambda's free tier, per account and the same everywhere (the advisor counts it only with --free-tier). */
export const LAMBDA_FREE_TIER = { requests: 1_000_000, gbSeconds: 400_000 } as const;

/** Where a table's figures came from: the Price List offers read (each price with its SKU), or hand transcription. */
export interface PriceTable {
  region: string;
  /** The day the figures were read. */
  asOf: string;
  source: string;
  /** Each Price List offer read: its version and publication date. */
  offers: Record<string, { version: string; publicationDate: string }>;
  prices: Omit<RegionPrices, 'region' | 'asOf' | 'lambda'> & { lambda: Omit<RegionPrices['lambda'], 'freeTier'> };
  /** The Price List's SKU and description behind each price, by its path in `prices` (`ec2PerHour/t4g.small`). */
  skus: Record<string, { sku: string; description: string }>;
}

/** The tables, one file per region in price-tables/, written by `npm run cost:refresh-prices`. */
export const PRICE_TABLES: PriceTable[] = REGION_TABLES.map(checkedTable);

/** JSON has no tuples: a table is checked once, as it loads, so a hand edit that drops a tier fails loudly. */
function checkedTable(json: unknown): PriceTable {
  const table = json as PriceTable;
  const lambdaTiers = LAMBDA_GB_SECOND_TIERS.x86_64.length + 1;
  const httpApiTiers = HTTP_API_TIERS.length + 1;
  const { gbSecondTiers } = table.prices.lambda;
  if (
    gbSecondTiers.x86_64.length !== lambdaTiers ||
    gbSecondTiers.arm64.length !== LAMBDA_GB_SECOND_TIERS.arm64.length + 1 ||
    table.prices.httpApiPerMillion.length !== httpApiTiers
  ) {
    throw new Error(
      `price-tables/${table.region}.json: Lambda needs ${lambdaTiers} duration tiers per architecture and the HTTP API ${httpApiTiers} request tiers`,
    );
  }
  return table;
}

/** Each region's prices, as the model reads them. */
export const PRICES: Record<string, RegionPrices> = Object.fromEntries(
  PRICE_TABLES.map((table) => [
    table.region,
    { region: table.region, asOf: table.asOf, ...table.prices, lambda: { ...table.prices.lambda, freeTier: LAMBDA_FREE_TIER } },
  ]),
);

export class MissingPriceError extends Error {
  constructor(what: string, region: string) {
    super(
      `No price for ${what} in ${region}: run npm run cost:refresh-prices, which prices every region and instance type the environments name (regions priced now: ${Object.keys(PRICES).join(', ')})`,
    );
    this.name = 'MissingPriceError';
  }
}

export function pricesFor(region: string): RegionPrices {
  const prices = PRICES[region];
  if (!prices) throw new MissingPriceError('anything', region);
  return prices;
}
