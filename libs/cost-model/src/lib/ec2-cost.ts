import { type Ec2Sizing, HOURS_PER_MONTH, type Traffic } from '@greeter/environment-config';
import { albLcus, ruleEvaluationsPerSecond } from './alb-lcu';
import { ASSUMPTIONS } from './assumptions';
import { type ComputeCost, line, type LineItem, total } from './line-items';
import { MissingPriceError, type RegionPrices } from './prices';

/** Instances the traffic needs: the configured minimum, or enough for the peak at each instance's capacity. */
export function instancesNeeded(sizing: Ec2Sizing, traffic: Traffic): number {
  return Math.max(sizing.minInstances, Math.ceil(traffic.peakRps / sizing.capacityRequestsPerSecond));
}

export function ec2MonthlyCost(sizing: Ec2Sizing, traffic: Traffic, prices: RegionPrices): ComputeCost {
  const hourly = prices.ec2PerHour[sizing.instanceType];
  if (hourly === undefined) throw new MissingPriceError(sizing.instanceType, prices.region);
  const instances = instancesNeeded(sizing, traffic);
  const zones = sizing.availabilityZones.length;
  const lines: LineItem[] = [
    line(`EC2 ${sizing.instanceType} × ${instances}`, instances * HOURS_PER_MONTH, 'instance-hours', hourly),
    line(`EBS gp3 root volumes (${sizing.rootVolumeGb} GB × ${instances})`, instances * sizing.rootVolumeGb, 'GB-months', prices.ebsGp3PerGbMonth),
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
  if (sizing.createSsmEndpoints) {
    const endpointHours = ASSUMPTIONS.ssmEndpointCount * zones * HOURS_PER_MONTH;
    lines.push(line(`SSM interface endpoints (${ASSUMPTIONS.ssmEndpointCount} × ${zones} zones)`, endpointHours, 'endpoint-hours', prices.interfaceEndpointPerAzHour));
  }
  const logGb = (traffic.requestsPerMonth * ASSUMPTIONS.ec2LogBytesPerRequest) / 1e9;
  lines.push(line('CloudWatch Logs ingestion (app logs, if shipped)', logGb, 'GB', prices.cloudWatchLogsIngestionPerGb));
  return total('ec2', lines);
}
