import { synthConstructs } from '../../test/synth';
import { instanceProfile, loadBalancerAndInstanceSecurityGroups } from './instance-access';
import type { LoadBalancedInstancesProps } from './load-balanced-instances';

/** Only what the two helpers read. */
const minimal = {
  name: 'svc',
  permissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/b',
  network: { vpcId: 'vpc-1', vpcCidrBlock: '10.0.0.0/16', s3PrefixListId: 'pl-1', httpsEgressToInternet: false },
  instances: {
    appPort: 3000,
    readableObjectArns: ['arn:aws:s3:::bucket/greeter/server.mjs'],
    appLogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:app',
  },
  edge: {},
} as unknown as LoadBalancedInstancesProps;
const rules = (edge = {}, network = {}) =>
  synthConstructs((scope) =>
    loadBalancerAndInstanceSecurityGroups(scope, { ...minimal, edge: { ...minimal.edge, ...edge }, network: { ...minimal.network, ...network } }),
  );
const described = (stack: ReturnType<typeof rules>, type: string) => stack.resources(type).map((r) => `${r['from_port']} ${r['description']}`);

describe('who may reach the instances, and what they may do', () => {
  it('lets only the load balancer reach the app port, and the load balancer only the app port', () => {
    const stack = rules();

    expect(described(stack, 'aws_vpc_security_group_ingress_rule')).toEqual([
      '80 HTTP from anywhere',
      '80 HTTP from anywhere',
      '3000 The app port, from the load balancer only',
    ]);
    expect(stack.resources('aws_vpc_security_group_ingress_rule')[2]!['referenced_security_group_id']).toMatch(/alb-sg/);
  });

  it('takes HTTPS too when there is a certificate, HTTP then only to redirect', () => {
    expect(described(rules({ certificateArn: 'arn:cert' }), 'aws_vpc_security_group_ingress_rule').slice(0, 4)).toEqual([
      '443 HTTPS from anywhere',
      '443 HTTPS from anywhere',
      '80 HTTP from anywhere, redirected to HTTPS',
      '80 HTTP from anywhere, redirected to HTTPS',
    ]);
  });

  it('sends instances out over HTTPS to S3 and the VPC endpoints, and to the internet only when asked', () => {
    const out = (network = {}) => described(rules({}, network), 'aws_vpc_security_group_egress_rule').filter((rule) => rule.startsWith('443'));

    expect(out()).toEqual([
      '443 HTTPS to S3 through the gateway endpoint: the artifact and the OS package repositories',
      '443 HTTPS to interface endpoints in the VPC (CloudWatch Logs, SSM Session Manager)',
    ]);
    expect(out({ httpsEgressToInternet: true })).toContain('443 HTTPS to the internet through the NAT gateway');
  });

  it('gives the instances a bounded role that reads their artifact, ships their logs, and serves Session Manager', () => {
    const stack = synthConstructs((scope) => instanceProfile(scope, minimal));
    const policies = Object.fromEntries(stack.resources('aws_iam_role_policy').map((p) => [p['name'], JSON.parse(p['policy']).Statement[0]]));

    expect(stack.resource('aws_iam_role')['permissions_boundary']).toBe('arn:aws:iam::111122223333:policy/b');
    expect(policies['read-own-artifact']).toMatchObject({
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: ['arn:aws:s3:::bucket/greeter/server.mjs'],
    });
    expect(policies['ship-own-app-logs']).toMatchObject({ Resource: 'arn:aws:logs:eu-west-1:111122223333:log-group:app:*' });
    expect(policies['ssm-session-manager-only'].Action.every((a: string) => /^(ssm|ssmmessages|ec2messages):/.test(a))).toBe(true);
    expect(stack.resource('aws_iam_instance_profile')['name']).toBe('svc-instance');
  });
});
