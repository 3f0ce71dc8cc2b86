import { ENVIRONMENTS } from '../environments';
import { withOwnValues } from '../test/own-values';
import { fakeArtifacts, type SynthesizedStack, synthEnvironment } from '../test/synth';
import type { StackShape } from './compute/stack-shape';

// Staging has a domain in a zone the stack manages: the case where the record moves between front ends.
const staging = withOwnValues(ENVIRONMENTS).find((e) => e.name === 'staging')!;
const artifacts = fakeArtifacts();
const onLambda = { ...staging, compute: 'lambda' as const };
const bridge = (front: 'api' | 'alb', lambdaPercent: number): StackShape => ({
  kind: 'bridge',
  from: 'ec2',
  to: 'lambda',
  front,
  weights: { ec2: 100 - lambdaPercent, lambda: lambdaPercent },
});

/** Every resource by its Terraform address. */
const byAddress = (stack: SynthesizedStack): Map<string, unknown> =>
  new Map(Object.entries(stack.json.resource).flatMap(([type, resources]) => Object.entries(resources as object).map(([id, r]) => [`${type}.${id}`, r])));

describe('a switch between computes: both behind the load balancer, split by weight', () => {
  const mid = synthEnvironment(onLambda, artifacts, bridge('alb', 10));

  it('splits the listener between the instances and the function’s live alias, by the weights given, without stickiness', () => {
    const [listener] = mid.resources('aws_lb_listener').filter((l) => l['port'] === 443);
    const forward = listener!['default_action'][0].forward;

    expect(forward.target_group).toEqual([
      { arn: expect.stringMatching(/^\$\{aws_lb_target_group\.service_targets_\w+\.arn\}$/), weight: 90 },
      { arn: expect.stringMatching(/^\$\{aws_lb_target_group\.lambda-alb-target_targets_\w+\.arn\}$/), weight: 10 },
    ]);
    expect(forward.stickiness).toEqual({ enabled: false, duration: 1 });
  });

  it('lets only that target group invoke the alias, and checks the function’s health before it takes requests', () => {
    const lambdaTargets = mid.resources('aws_lb_target_group').find((g) => g['target_type'] === 'lambda')!;
    const permission = mid.resources('aws_lambda_permission').find((p) => p['principal'] === 'elasticloadbalancing.amazonaws.com')!;

    expect(lambdaTargets['health_check']).toMatchObject({ enabled: true, path: '/health', matcher: '200' });
    expect(permission).toMatchObject({
      qualifier: expect.stringMatching(/aws_lambda_alias\.lambda-http-api_live_\w+\.name/),
      source_arn: expect.stringContaining('lambda-alb-target_targets'),
    });
    expect(mid.resource('aws_lb_target_group_attachment')).toMatchObject({ target_id: expect.stringMatching(/aws_lambda_alias\..*\.arn/) });
  });

  it('points the domain at the front named: the load balancer, then API Gateway', () => {
    const aliasOf = (stack: SynthesizedStack) => stack.resources('aws_route53_record').find((r) => r['type'] === 'A')!['alias'];

    expect(aliasOf(mid).name).toMatch(/aws_lb\.service_alb_\w+\.dns_name/);
    expect(aliasOf(synthEnvironment(onLambda, artifacts, bridge('api', 100))).name).toMatch(/aws_apigatewayv2_domain_name\..*target_domain_name/);
  });

  it('watches both computes’ alarms in both rollouts, says which compute serves most, and has no guard', () => {
    const alarms = mid.resources('aws_cloudwatch_metric_alarm').map((a) => a['alarm_name']);

    expect(alarms).toEqual(expect.arrayContaining(['greeter-staging-lambda-errors', 'greeter-staging-target-5xx']));
    expect(mid.json.output.compute.value).toBe('ec2');
    expect(JSON.parse(mid.json.output.compute_switch.value)).toEqual({ from: 'ec2', to: 'lambda', front: 'alb', weights: { ec2: 90, lambda: 10 } });
    expect(mid.json.data?.aws_lbs).toBeUndefined();
    expect(mid.json.data?.aws_apigatewayv2_apis).toBeUndefined();
  });

  it('tags each resource with the compute it belongs to, so that no tag changes when the switch ends', () => {
    const computeOf = (type: string) => [...new Set(mid.resources(type).map((r) => r['tags']?.compute))];

    expect(mid.json.provider.aws[0].default_tags[0].tags).not.toHaveProperty('compute');
    expect(computeOf('aws_lambda_function')).toEqual(['lambda']);
    expect(computeOf('aws_apigatewayv2_api')).toEqual(['lambda']);
    expect(computeOf('aws_lb')).toEqual(['ec2']);
    expect(computeOf('aws_vpc')).toEqual(['ec2']);
    expect(computeOf('aws_lb_target_group').sort()).toEqual(['ec2', 'lambda']);
    expect(computeOf('aws_cloudwatch_metric_alarm')).toEqual([undefined]);
    expect(mid.resource('aws_autoscaling_group')['tag']).toEqual(expect.arrayContaining([{ key: 'compute', value: 'ec2', propagate_at_launch: true }]));
  });

  // A resource of either compute that the bridge changed in place would be a rollout; replaced, an outage.
  it.each([
    ['ec2', staging, bridge('alb', 0)],
    ['lambda', onLambda, bridge('api', 100)],
  ])('holds every resource of steady %s unchanged beside it, but the listener, the alarm lists and the dashboard', (_compute, declaration, shape) => {
    const steady = byAddress(synthEnvironment(declaration, artifacts));
    const both = byAddress(synthEnvironment(onLambda, artifacts, shape));
    const missing = [...steady.keys()].filter((address) => !both.has(address));
    const changed = [...steady.keys()].filter((address) => both.has(address) && JSON.stringify(both.get(address)) !== JSON.stringify(steady.get(address)));

    expect(missing).toEqual([]);
    for (const address of changed) {
      expect(address).toMatch(/^(aws_lb_listener\.service_https|aws_codedeploy_deployment_group\.|terraform_data\..*rollout|aws_cloudwatch_dashboard\.)/);
    }
  });
});

describe('a plain deploy that would replace the compute', () => {
  it.each([
    ['lambda', onLambda, 'aws_lbs', 'arns', 'runs on EC2'],
    ['ec2', staging, 'aws_apigatewayv2_apis', 'ids', 'runs on Lambda'],
  ])('on %s: fails its plan when the other compute’s front end exists, naming the switch command', (_compute, declaration, dataType, list, says) => {
    const stack = synthEnvironment(declaration, artifacts);
    const [guard] = Object.values<any>(stack.json.data[dataType]);

    expect(guard.count).toBe('${var.compute_guard ? 1 : 0}');
    expect(guard.lifecycle.postcondition).toEqual([{ condition: `\${length(self.${list}) == 0}`, error_message: expect.stringContaining(says) }]);
    expect(guard.lifecycle.postcondition[0].error_message).toContain('npm run switch -- --env staging');
    expect(stack.json.variable.compute_guard).toMatchObject({ type: 'bool', default: true });
  });
});
