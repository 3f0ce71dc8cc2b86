/**
 * On-demand prices in USD, one table per region, read from AWS's public
 * pricing pages on the date given. Update a table by editing its numbers and
 * date; nothing else reads prices.
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

/** Prices that are the same in every region priced here. */
const GLOBAL = {
  cloudWatch: { perAlarmMonth: 0.1, perDashboardMonth: 3.0, perMetricMonth: 0.3 },
  waf: { perWebAclMonth: 5.0, perRuleMonth: 1.0, perMillionRequests: 0.6 },
  xrayPerMillionTraces: 5.0,
  dataTransferOutPerGb: 0.09,
} as const;

const LAMBDA = {
  perMillionRequests: 0.2,
  gbSecondTiers: { x86_64: [0.0000166667, 0.000015, 0.0000133334], arm64: [0.0000133334, 0.0000120001, 0.0000106667] },
  provisionedConcurrencyPerGbSecond: { x86_64: 0.0000041667, arm64: 0.0000033334 },
  provisionedDurationPerGbSecond: { x86_64: 0.0000097222, arm64: 0.0000077778 },
  freeTier: { requests: 1_000_000, gbSeconds: 400_000 },
} satisfies RegionPrices['lambda'];

const TABLES: Record<string, Omit<RegionPrices, 'region'>> = {
  'us-east-1': {
    asOf: '2026-11-27',
    lambda: LAMBDA,
    httpApiPerMillion: [1.0, 0.9],
    cloudWatchLogsIngestionPerGb: 0.5,
    ec2PerHour: {
      't4g.micro': 0.0084,
      't4g.small': 0.0168,
      't4g.medium': 0.0336,
      't4g.large': 0.0672,
      'm7g.medium': 0.0408,
      'm7g.large': 0.0816,
      'm7g.xlarge': 0.1632,
      'c7g.large': 0.0725,
      't3.small': 0.0208,
      't3.medium': 0.0416,
      'm7i.large': 0.1008,
    },
    ebsGp3PerGbMonth: 0.08,
    alb: { perHour: 0.0225, perLcuHour: 0.008 },
    publicIpv4PerHour: 0.005,
    natGateway: { perHour: 0.045, perGb: 0.045 },
    interfaceEndpointPerAzHour: 0.01,
    interfaceEndpointPerGb: 0.01,
    vendedLogsIngestionPerGb: 0.5,
    s3StandardPerGbMonth: 0.023,
    ...GLOBAL,
  },
  'eu-west-1': {
    asOf: '2026-11-27',
    lambda: LAMBDA,
    httpApiPerMillion: [1.11, 1.0],
    cloudWatchLogsIngestionPerGb: 0.57,
    ec2PerHour: {
      't4g.micro': 0.0092,
      't4g.small': 0.0184,
      't4g.medium': 0.0368,
      't4g.large': 0.0736,
      'm7g.medium': 0.0449,
      'm7g.large': 0.0898,
      'm7g.xlarge': 0.1795,
      'c7g.large': 0.0794,
      't3.small': 0.0228,
      't3.medium': 0.0456,
      'm7i.large': 0.1118,
    },
    ebsGp3PerGbMonth: 0.088,
    alb: { perHour: 0.0252, perLcuHour: 0.008 },
    publicIpv4PerHour: 0.005,
    natGateway: { perHour: 0.048, perGb: 0.048 },
    interfaceEndpointPerAzHour: 0.011,
    interfaceEndpointPerGb: 0.01,
    vendedLogsIngestionPerGb: 0.57,
    s3StandardPerGbMonth: 0.023,
    ...GLOBAL,
  },
};

/** Each region's table, carrying the region it is listed under. */
export const PRICES: Record<string, RegionPrices> = Object.fromEntries(Object.entries(TABLES).map(([region, table]) => [region, { region, ...table }]));

export class MissingPriceError extends Error {
  constructor(what: string, region: string) {
    super(`No price for ${what} in ${region}: add it to libs/cost-model/src/lib/prices.ts (regions priced: ${Object.keys(PRICES).join(', ')})`);
    this.name = 'MissingPriceError';
  }
}

export function pricesFor(region: string): RegionPrices {
  const prices = PRICES[region];
  if (!prices) throw new MissingPriceError('anything', region);
  return prices;
}
