import { type Ec2Sizing, HOURS_PER_MONTH, requestsPerInstanceAtTarget, type Traffic } from '@greeter/environment-config';
import { albLcus, ruleEvaluationsPerSecond } from './alb-lcu';
import { ASSUMPTIONS } from './assumptions';
import { type ComputeCost, line, type LineItem, total } from './line-items';
import { interfaceEndpointLines, monitoringLines, dataTransferOutLine } from './operations-cost';
import { MissingPriceError, type RegionPrices } from './prices';

/** Instances a request rate needs at the scaling target, at least the group's minimum and with no maximum. */
const wantedAt = (sizing: Ec2Sizing, requestsPerSecond: number): number =>
  Math.max(sizing.minInstances, Math.ceil(requestsPerSecond / requestsPerInstanceAtTarget(sizing)));

/** Instances the scaling policy runs for a request rate, held within the group's minimum and maximum. */
export function fleetAt(sizing: Ec2Sizing, requestsPerSecond: number): number {
  return Math.min(sizing.maxInstances, wantedAt(sizing, requestsPerSecond));
}

/** Instances the peak needs at the scaling target, unbounded: more than the maximum means the peak goes unserved. */
export function instancesNeeded(sizing: Ec2Sizing, traffic: Traffic): number {
  return wantedAt(sizing, traffic.peakRps);
}

/** The one-minute metrics EC2 detailed monitoring publishes per instance, each billed as a custom metric. */
const DETAILED_MONITORING_METRICS = 7;

/** The golden-signal alarms of an EC2 environment (infra/src/operations/golden-signals.ts). */
export const EC2_ALARMS = 5;
/** The web ACL's rules: AWS's common and known-bad-inputs rule groups and the rate limit (infra/src/constructs/alb-web-acl.ts). */
export const WAF_RULES = 3;

export function ec2MonthlyCost(sizing: Ec2Sizing, traffic: Traffic, prices: RegionPrices): ComputeCost {
  const hourly = prices.ec2PerHour[sizing.instanceType];
  if (hourly === undefined) throw new MissingPriceError(sizing.instanceType, prices.region);
  // The fleet the scaling policy runs: at the average most of the day, at the peak for a few hours (an assumption).
  const atAverage = fleetAt(sizing, traffic.averageRps);
  const atPeak = fleetAt(sizing, traffic.peakRps);
  const peakHours = ASSUMPTIONS.peakHoursPerDay;
  const instances = ((24 - peakHours) * atAverage + peakHours * atPeak) / 24;
  const zones = sizing.availabilityZones.length;
  const lines: LineItem[] = [
    line(
      `EC2 ${sizing.instanceType}: ${atAverage} at the average, ${atPeak} at the peak (${peakHours} h a day)`,
      instances * HOURS_PER_MONTH,
      'instance-hours',
      hourly,
    ),
    line(
      `EBS gp3 root volumes (${sizing.rootVolumeGb} GB × ${instances.toFixed(2)} on average)`,
      instances * sizing.rootVolumeGb,
      'GB-months',
      prices.ebsGp3PerGbMonth,
    ),
    line('Application Load Balancer', HOURS_PER_MONTH, 'hours', prices.alb.perHour),
  ];

  const newConnectionsPerSecond = traffic.averageRps / ASSUMPTIONS.albRequestsPerConnection;
  const { lcus } = albLcus({
    newConnectionsPerSecond,
    activeConnections: newConnectionsPerSecond * ASSUMPTIONS.albConnectionSeconds,
    processedGbPerHour: (traffic.averageRps * (ASSUMPTIONS.albRequestBytes + traffic.averageResponseBytes) * 3600) / 1e9,
    ruleEvaluationsPerSecond: ruleEvaluationsPerSecond(traffic.averageRps, ASSUMPTIONS.albRulesEvaluated),
  });
  lines.push(line(`ALB capacity (${lcus.toFixed(3)} LCU on average)`, lcus * HOURS_PER_MONTH, 'LCU-hours', prices.alb.perLcuHour));

  const publicAddresses = zones + (sizing.createNatGateway ? 1 : 0);
  lines.push(line(`Public IPv4 addresses (${publicAddresses})`, publicAddresses * HOURS_PER_MONTH, 'address-hours', prices.publicIpv4PerHour));
  if (sizing.createNatGateway) {
    lines.push(line('NAT gateway', HOURS_PER_MONTH, 'hours', prices.natGateway.perHour));
    lines.push(line('NAT gateway data', ASSUMPTIONS.natGbPerMonth, 'GB', prices.natGateway.perGb));
  }
  const appLogGb = (traffic.requestsPerMonth * ASSUMPTIONS.ec2LogBytesPerRequest) / 1e9;
  lines.push(...interfaceEndpointLines('CloudWatch Logs', 1, zones, appLogGb, prices));
  if (sizing.createSsmEndpoints) lines.push(...interfaceEndpointLines('SSM', ASSUMPTIONS.ssmEndpointCount, zones, 0, prices));
  lines.push(line('CloudWatch Logs ingestion (app logs)', appLogGb, 'GB', prices.cloudWatchLogsIngestionPerGb));
  // The launch template turns on detailed monitoring.
  lines.push(
    line(
      `EC2 detailed monitoring (${DETAILED_MONITORING_METRICS} metrics × ${instances.toFixed(2)} instances on average)`,
      DETAILED_MONITORING_METRICS * instances,
      'metric-months',
      prices.cloudWatch.perMetricMonth,
    ),
  );
  const connections = traffic.requestsPerMonth / ASSUMPTIONS.albRequestsPerConnection;
  lines.push(line('VPC flow logs', (connections * ASSUMPTIONS.flowLogBytesPerConnection) / 1e9, 'GB', prices.vendedLogsIngestionPerGb));
  // Access logs kept for their retention: at a steady state, that many days of them are stored.
  const accessLogGbPerMonth = (traffic.requestsPerMonth * ASSUMPTIONS.albAccessLogBytesPerRequest) / 1e9;
  lines.push(
    line(
      `ALB access logs in S3 (${sizing.accessLogRetentionDays} days kept)`,
      (accessLogGbPerMonth * sizing.accessLogRetentionDays) / 30,
      'GB-months',
      prices.s3StandardPerGbMonth,
    ),
  );
  if (sizing.waf.enabled) {
    lines.push(
      line(`WAF web ACL and rules (1 + ${WAF_RULES})`, 1, 'web ACL-months', prices.waf.perWebAclMonth + WAF_RULES * prices.waf.perRuleMonth),
      line('WAF requests', traffic.requestsPerMonth / 1e6, 'million requests', prices.waf.perMillionRequests),
      line(
        'WAF logs (blocked and counted requests)',
        (traffic.requestsPerMonth * ASSUMPTIONS.wafLoggedShare * ASSUMPTIONS.wafLogBytesPerRequest) / 1e9,
        'GB',
        prices.vendedLogsIngestionPerGb,
      ),
    );
  }
  lines.push(...monitoringLines(EC2_ALARMS, prices), dataTransferOutLine(traffic, prices));
  return total('ec2', lines);
}
