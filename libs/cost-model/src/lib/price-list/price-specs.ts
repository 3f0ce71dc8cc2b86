import { HTTP_API_TIERS, LAMBDA_GB_SECOND_TIERS } from '../lambda-cost';
import type { OfferRow } from './offer-csv';

/**
 * Which Price List row holds each price the model reads. A row matches on its
 * usage type (AWS puts a region prefix on most, `USE1-`, `EU-`, and none on
 * some us-east-1 ones, so the prefix is optional), its region code, and any
 * attributes listed. Every match must be in the expected unit, or the refresh
 * refuses: a changed file is reported, never guessed at.
 *
 * The usage types and attributes follow how infracost and other tools read
 * these offers; they were not checked against a downloaded file (no internet
 * where this was written), so the first real refresh is the real test.
 */

export const OFFER_CODES = [
  'AWSLambda',
  'AmazonApiGateway',
  'AmazonCloudWatch',
  'AmazonEC2',
  'AWSELB',
  'AmazonVPC',
  'awswaf',
  'AWSXRay',
  'AmazonS3',
  'AWSDataTransfer',
] as const;
export type OfferCode = (typeof OFFER_CODES)[number];

export interface PriceSpec {
  /** Where the price goes in the table, `/`-separated (`lambda/gbSecondTiers/arm64`, `ec2PerHour/t4g.small`). */
  path: string;
  offer: OfferCode;
  /** The usage type without its region prefix. */
  usageType: string;
  /** Further columns that must match (normalized names, see normalizeColumn). */
  where?: Record<string, string>;
  /** The units the row may be priced in, as the file spells them (case ignored). */
  units: string[];
  /** The model's unit over the file's: 1e6 for a price per million. */
  scale?: number;
  /** Tiered: the tiers' starting quantities, in order; the price is then one figure per tier. */
  tiersFrom?: number[];
  /** Untiered: the tier holding this quantity (default 0): past a free slab, say. */
  at?: number;
  /** Rows with no region: a price the same everywhere. */
  global?: boolean;
  /** Priced where the region offers it, left out where it does not (instance types no environment there uses). */
  optional?: boolean;
}

/** Where each tier starts, from how much each holds (the model's tiers): [6e9, 9e9] → [0, 6e9, 15e9]. */
export function tierStarts(sizes: readonly number[]): number[] {
  return sizes.reduce<number[]>((starts, size) => [...starts, starts.at(-1)! + size], [0]);
}

const LINUX_ON_DEMAND = {
  operatingsystem: 'Linux',
  tenancy: 'Shared',
  preinstalledsw: 'NA',
  licensemodel: 'No License required',
  capacitystatus: 'Used',
  operation: 'RunInstances',
};
const PER_MILLION = 1e6;
const HOURLY = ['Hrs', 'Hours'];

/** The prices of one region's table: the instance types its environments use must be there, the others where offered. */
export function priceSpecs(instanceTypes: readonly string[], optionalInstanceTypes: readonly string[] = []): PriceSpec[] {
  const instanceSpec = (type: string, optional: boolean): PriceSpec => ({
    path: `ec2PerHour/${type}`,
    offer: 'AmazonEC2',
    usageType: `BoxUsage:${type}`,
    where: LINUX_ON_DEMAND,
    units: HOURLY,
    ...(optional ? { optional } : {}),
  });
  return [
    { path: 'lambda/perMillionRequests', offer: 'AWSLambda', usageType: 'Request', units: ['Requests'], scale: PER_MILLION },
    {
      path: 'lambda/gbSecondTiers/x86_64',
      offer: 'AWSLambda',
      usageType: 'Lambda-GB-Second',
      units: ['Lambda-GB-Second', 'second'],
      tiersFrom: tierStarts(LAMBDA_GB_SECOND_TIERS.x86_64),
    },
    {
      path: 'lambda/gbSecondTiers/arm64',
      offer: 'AWSLambda',
      usageType: 'Lambda-GB-Second-ARM',
      units: ['Lambda-GB-Second', 'second'],
      tiersFrom: tierStarts(LAMBDA_GB_SECOND_TIERS.arm64),
    },
    {
      path: 'lambda/provisionedConcurrencyPerGbSecond/x86_64',
      offer: 'AWSLambda',
      usageType: 'Lambda-Provisioned-Concurrency',
      units: ['Lambda-GB-Second', 'second'],
    },
    {
      path: 'lambda/provisionedConcurrencyPerGbSecond/arm64',
      offer: 'AWSLambda',
      usageType: 'Lambda-Provisioned-Concurrency-ARM',
      units: ['Lambda-GB-Second', 'second'],
    },
    {
      path: 'lambda/provisionedDurationPerGbSecond/x86_64',
      offer: 'AWSLambda',
      usageType: 'Lambda-Provisioned-GB-Second',
      units: ['Lambda-GB-Second', 'second'],
    },
    {
      path: 'lambda/provisionedDurationPerGbSecond/arm64',
      offer: 'AWSLambda',
      usageType: 'Lambda-Provisioned-GB-Second-ARM',
      units: ['Lambda-GB-Second', 'second'],
    },
    {
      path: 'httpApiPerMillion',
      offer: 'AmazonApiGateway',
      usageType: 'ApiGatewayHttpRequest',
      units: ['Requests'],
      scale: PER_MILLION,
      tiersFrom: tierStarts(HTTP_API_TIERS),
    },
    { path: 'cloudWatchLogsIngestionPerGb', offer: 'AmazonCloudWatch', usageType: 'DataProcessing-Bytes', units: ['GB'] },
    ...instanceTypes.map((type) => instanceSpec(type, false)),
    ...optionalInstanceTypes.filter((type) => !instanceTypes.includes(type)).map((type) => instanceSpec(type, true)),
    { path: 'ebsGp3PerGbMonth', offer: 'AmazonEC2', usageType: 'EBS:VolumeUsage.gp3', units: ['GB-Mo'] },
    { path: 'alb/perHour', offer: 'AWSELB', usageType: 'LoadBalancerUsage', where: { productfamily: 'Load Balancer-Application' }, units: HOURLY },
    { path: 'alb/perLcuHour', offer: 'AWSELB', usageType: 'LCUUsage', where: { productfamily: 'Load Balancer-Application' }, units: ['LCU-Hrs'] },
    { path: 'publicIpv4PerHour', offer: 'AmazonVPC', usageType: 'PublicIPv4:InUseAddress', units: HOURLY },
    { path: 'natGateway/perHour', offer: 'AmazonEC2', usageType: 'NatGateway-Hours', units: HOURLY },
    { path: 'natGateway/perGb', offer: 'AmazonEC2', usageType: 'NatGateway-Bytes', units: ['GB'] },
    { path: 'interfaceEndpointPerAzHour', offer: 'AmazonVPC', usageType: 'VpcEndpoint-Hours', units: HOURLY },
    { path: 'interfaceEndpointPerGb', offer: 'AmazonVPC', usageType: 'VpcEndpoint-Bytes', units: ['GB'] },
    { path: 'cloudWatch/perAlarmMonth', offer: 'AmazonCloudWatch', usageType: 'CW:AlarmMonitorUsage', where: { alarmtype: 'Standard' }, units: ['Alarms'] },
    { path: 'cloudWatch/perDashboardMonth', offer: 'AmazonCloudWatch', usageType: 'DashboardsUsageHour', units: ['Dashboards'], global: true },
    { path: 'cloudWatch/perMetricMonth', offer: 'AmazonCloudWatch', usageType: 'CW:MetricMonitorUsage', units: ['Metrics'] },
    { path: 'vendedLogsIngestionPerGb', offer: 'AmazonCloudWatch', usageType: 'VendedLog-Bytes', units: ['GB'] },
    { path: 'waf/perWebAclMonth', offer: 'awswaf', usageType: 'WebACLV2', units: ['WebACL', 'WebACLs'] },
    { path: 'waf/perRuleMonth', offer: 'awswaf', usageType: 'RuleV2', units: ['Rule', 'Rules'] },
    { path: 'waf/perMillionRequests', offer: 'awswaf', usageType: 'RequestV2-Tier1', units: ['Request', 'Requests'], scale: PER_MILLION },
    { path: 'xrayPerMillionTraces', offer: 'AWSXRay', usageType: 'XRay-TracesStored', units: ['Traces'], scale: PER_MILLION },
    // The first 100 GB a month are free per account (a separate Global- row); the advisor prices the next tier, the first 10 TB.
    {
      path: 'dataTransferOutPerGb',
      offer: 'AWSDataTransfer',
      usageType: 'DataTransfer-Out-Bytes',
      where: { transfertype: 'AWS Outbound' },
      units: ['GB'],
      at: 1000,
    },
    { path: 's3StandardPerGbMonth', offer: 'AmazonS3', usageType: 'TimedStorage-ByteHrs', where: { volumetype: 'Standard' }, units: ['GB-Mo'] },
  ];
}

/** `USE1-`, `EU-`, `APS3-`: the region prefix AWS puts on a usage type (not `Global-`, which is the free tier's). */
const REGION_PREFIX = /^[A-Z]{2,4}\d?-/;

export function usageTypeOf(row: OfferRow): string {
  return (row['usagetype'] ?? '').replace(REGION_PREFIX, '');
}

/** Whether a row is one of the spec's on-demand prices in the region. */
export function rowMatches(spec: PriceSpec, row: OfferRow, region: string): boolean {
  if (row['termtype'] !== 'OnDemand' || row['currency'] !== 'USD') return false;
  if (usageTypeOf(row) !== spec.usageType || row['usagetype']?.startsWith('Global-')) return false;
  // A region's offer file holds its own rows and the ones for every region (location "Any", no region code).
  // Older files have no "Region Code" column: their rows are the file's region.
  const regionCode = row['regioncode'];
  const everywhere = row['location'] === 'Any' || regionCode === '';
  if (everywhere ? !spec.global : regionCode !== undefined && regionCode !== region) return false;
  return Object.entries(spec.where ?? {}).every(([column, value]) => row[column] === value);
}
