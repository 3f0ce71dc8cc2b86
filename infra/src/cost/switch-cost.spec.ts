import { validateEnvironments } from '@greeter/environment-config';
import { costsAt } from '@greeter/cost-model';
import { switchCostLines, switchMinutes } from './switch-cost';

const env = (more: object = {}) =>
  validateEnvironments([
    {
      name: 'prod',
      region: 'us-east-1',
      compute: 'lambda',
      domain: { domainName: 'api.example.test', hostedZoneName: 'example.test' },
      traffic: { requestsPerMonth: 50_000_000, peakRps: 100, averageDurationMs: 20, averageResponseBytes: 200 },
      ...more,
    },
  ])[0]!;

describe('what a switch costs and takes', () => {
  it('takes the new compute’s provisioning, each step’s bake and, with a domain, the wait for DNS', () => {
    // Lambda: 3 min up; 3 steps of 5 min; 5 min for DNS.
    expect(switchMinutes(env())).toBe(23);
    expect(switchMinutes(env({ domain: undefined }))).toBe(18);
    // EC2: 10 min plus the group's health-check grace period.
    const ec2 = env({ compute: 'ec2' });
    expect(switchMinutes(ec2)).toBe(10 + ec2.ec2.healthCheckGracePeriodSeconds / 60 + 15 + 5);
  });

  it('prints the monthly estimate before and after, and both computes’ rates for the switch’s minutes', () => {
    const lines = switchCostLines(env(), 'ec2');
    const costs = costsAt(env(), env().traffic!);
    const both = ((costs.lambda.totalUsd + costs.ec2.totalUsd) * 23) / 60 / 730;

    expect(lines[0]).toBe('  duration: about 23 min (10/50/100% steps of 5 min, 5 min for DNS)');
    expect(lines[1]).toContain(`$${costs.ec2.totalUsd.toFixed(2)} on ec2 before, $${costs.lambda.totalUsd.toFixed(2)} on lambda after`);
    expect(lines[2]).toBe(`  the switch itself: at most $${both.toFixed(2)} while both run`);
  });

  it('says how to see prices when no traffic is declared', () => {
    expect(switchCostLines(env({ traffic: undefined }), 'ec2')[1]).toMatch(/no traffic declared; declare `traffic`/);
  });
});
