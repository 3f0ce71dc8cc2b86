import { resolveTraffic, validateEnvironments } from '@greeter/environment-config';
import { ec2MonthlyCost, fleetAt } from './ec2-cost';
import { pricesFor } from './prices';

const [environment] = validateEnvironments([
  {
    name: 'fleet',
    region: 'us-east-1',
    compute: 'ec2',
    // 100 req/s per instance: 6,000 requests per target per minute.
    ec2: { instanceType: 'm7g.large', minInstances: 2, desiredInstances: 2, maxInstances: 8, capacityRequestsPerSecond: 100, createNatGateway: true },
  },
]);
const sizing = environment!.ec2;

describe('the fleet the scaling policy runs', () => {
  it('keeps each instance at its request-count target, within the group’s minimum and maximum', () => {
    expect(sizing.scaling).toEqual({ metric: 'requestCountPerTarget', target: 6_000 });
    expect(fleetAt(sizing, 50)).toBe(2); // 1 wanted, the minimum is 2
    expect(fleetAt(sizing, 250)).toBe(3); // 2.5 rounded up
    expect(fleetAt(sizing, 5_000)).toBe(8); // 50 wanted, the maximum is 8
  });

  it('scales on CPU at the capacity', () => {
    expect(fleetAt({ ...sizing, scaling: { metric: 'cpuUtilization', target: 50 } }, 450)).toBe(5);
  });
});

describe('ec2MonthlyCost', () => {
  // 250 req/s on average (3 instances) for 22 h a day, 650 at the peak (7) for 2: 3 × 22/24 + 7 × 2/24 = 3.333… instances.
  const traffic = resolveTraffic({ averageRps: 250, peakRps: 650, averageDurationMs: 10, averageResponseBytes: 500 });
  const cost = ec2MonthlyCost(sizing, traffic, pricesFor('us-east-1'));
  const line = (start: string) => cost.lines.find((l) => l.item.startsWith(start))!;

  it('prices the instance-hours of the average and the peak fleet, and their volumes', () => {
    const instances = 3 * (22 / 24) + 7 * (2 / 24);

    expect(line('EC2 m7g.large')).toMatchObject({ item: 'EC2 m7g.large: 3 at the average, 7 at the peak (2 h a day)', unitPriceUsd: 0.0816 });
    expect(line('EC2 m7g.large').quantity).toBeCloseTo(instances * 730, 9);
    expect(line('EBS gp3').quantity).toBeCloseTo(instances * 8, 9);
    expect(line('EC2 detailed monitoring').quantity).toBeCloseTo(instances * 7, 9);
  });

  it('adds the NAT gateway, its address and its data when there is one', () => {
    expect(line('NAT gateway')).toMatchObject({ quantity: 730, unitPriceUsd: 0.045, monthlyUsd: 32.85 });
    expect(line('NAT gateway data')).toMatchObject({ quantity: 5, unitPriceUsd: 0.045, monthlyUsd: 0.23 });
    expect(line('Public IPv4 addresses')).toMatchObject({ item: 'Public IPv4 addresses (3)', quantity: 3 * 730 });
  });
});
