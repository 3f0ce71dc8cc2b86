import { costsAt, EC2_ALARMS, lambdaAlarmCount, WAF_RULES } from '@greeter/cost-model';
import { type EnvironmentDeclaration, resolveTraffic, validateEnvironments } from '@greeter/environment-config';
import { ENVIRONMENTS } from '../../environments';
import { withOwnValues } from '../../test/own-values';
import { synthEnvironment } from '../../test/synth';
import { PRICED_RESOURCES } from './priced-resources';

const shipped = withOwnValues(ENVIRONMENTS);
const prod = shipped.find((e) => e.name === 'prod')!;
/** Every shape the stacks take: the shipped environments, prod on Lambda (a domain, provisioned concurrency), and EC2 with a NAT gateway. */
const SHAPES: EnvironmentDeclaration[] = [
  ...shipped,
  { ...prod, name: 'prodlambda', compute: 'lambda', state: undefined },
  { ...shipped.find((e) => e.name === 'dev')!, name: 'devnat', compute: 'ec2', ec2: { ...shipped[0]!.ec2, createNatGateway: true } },
];
const TRAFFIC = resolveTraffic({ averageRps: 10, peakRps: 50, averageDurationMs: 20, averageResponseBytes: 800 });

describe.each(SHAPES.map((shape) => [shape.name, shape] as const))('the cost advisor on %s', (_name, shape) => {
  const stack = synthEnvironment(shape);
  const [environment] = validateEnvironments([shape]);
  const cost = costsAt(environment!, environment!.traffic ?? TRAFFIC)[environment!.compute];
  const types = Object.keys(stack.json.resource);

  it('accounts for every resource type the stack creates: a price line, or why it is free', () => {
    expect(types.filter((type) => !PRICED_RESOURCES[type])).toEqual([]);
  });

  it('prints the line that prices each of them', () => {
    const missing = types.flatMap((type) => {
      const accounting = PRICED_RESOURCES[type];
      if (!accounting || !('line' in accounting)) return [];
      const { line } = accounting;
      return cost.lines.some((l) => (typeof line === 'string' ? l.item.includes(line) : line.test(l.item))) ? [] : [`${type}: ${line}`];
    });

    expect(missing).toEqual([]);
  });

  it('prices as many alarms, and WAF rules, as the stack creates', () => {
    const alarms = stack.resources('aws_cloudwatch_metric_alarm').length;

    expect(alarms).toBe(environment!.compute === 'lambda' ? lambdaAlarmCount(environment!.lambda) : EC2_ALARMS);
    expect(cost.lines.find((l) => l.item.startsWith('CloudWatch alarms'))!.quantity).toBe(alarms);
    for (const acl of stack.resources('aws_wafv2_web_acl')) expect(acl['rule']).toHaveLength(WAF_RULES);
  });
});
