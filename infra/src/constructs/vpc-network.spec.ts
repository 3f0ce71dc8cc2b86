import { synthConstructs } from '../../test/synth';
import { VpcNetwork, type VpcNetworkProps } from './vpc-network';

const minimal: VpcNetworkProps = {
  name: 'net',
  region: 'eu-west-1',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  createNatGateway: false,
  interfaceEndpoints: [],
  flowLogRetentionDays: 30,
};
const synth = (props: Partial<VpcNetworkProps> = {}) => synthConstructs((scope) => new VpcNetwork(scope, 'network', { ...minimal, ...props }));

describe('the network', () => {
  it('has a public and a private subnet in each zone, none giving public IPs, and no route out of the private ones', () => {
    const stack = synth();
    const subnets = stack.resources('aws_subnet');

    expect(subnets.map((s) => [s['tags'].tier, s['availability_zone'], s['cidr_block']])).toEqual([
      ['private', 'eu-west-1a', '10.0.128.0/20'],
      ['private', 'eu-west-1b', '10.0.144.0/20'],
      ['public', 'eu-west-1a', '10.0.0.0/20'],
      ['public', 'eu-west-1b', '10.0.16.0/20'],
    ]);
    expect(subnets.every((s) => s['map_public_ip_on_launch'] === false)).toBe(true);
    expect(stack.resources('aws_route').map((r) => r['route_table_id'])).toEqual([expect.stringMatching(/public-routes/)]);
    expect(stack.resources('aws_nat_gateway')).toEqual([]);
  });

  it('leaves the default security group to AWS and logs every flow to its own group, with a bounded role', () => {
    const stack = synth({ permissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/b' });

    expect(stack.resources('aws_default_security_group')).toEqual([]);
    expect(stack.resource('aws_flow_log')).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    expect(stack.resource('aws_cloudwatch_log_group')).toMatchObject({ name: '/aws/vpc/net/flow-logs', retention_in_days: 30 });
    expect(stack.resource('aws_iam_role')['permissions_boundary']).toBe('arn:aws:iam::111122223333:policy/b');
  });

  it('reaches S3 through a gateway endpoint on the private routes, with the policy given', () => {
    const endpoint = synth({ s3EndpointPolicy: '{"Statement":[]}' }).resource('aws_vpc_endpoint');

    expect(endpoint).toMatchObject({ service_name: 'com.amazonaws.eu-west-1.s3', vpc_endpoint_type: 'Gateway', policy: '{"Statement":[]}' });
    expect(endpoint['route_table_ids']).toEqual([expect.stringMatching(/private-routes/)]);
  });

  it('adds the interface endpoints asked for, reachable over HTTPS from inside the VPC only', () => {
    const stack = synth({ interfaceEndpoints: ['logs', 'ssm'] });
    const interfaces = stack.resources('aws_vpc_endpoint').filter((e) => e['vpc_endpoint_type'] === 'Interface');

    expect(interfaces.map((e) => e['service_name'])).toEqual(['com.amazonaws.eu-west-1.logs', 'com.amazonaws.eu-west-1.ssm']);
    expect(interfaces.every((e) => e['private_dns_enabled'] === true)).toBe(true);
    expect(stack.resource('aws_vpc_security_group_ingress_rule')).toMatchObject({ from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/16' });
  });

  it('routes the private subnets out through a NAT gateway in the first zone only when asked', () => {
    const stack = synth({ createNatGateway: true });

    expect(stack.resource('aws_nat_gateway')['subnet_id']).toMatch(/public-0/);
    expect(stack.resources('aws_route').map((r) => r['route_table_id'])).toEqual([
      expect.stringMatching(/private-routes/),
      expect.stringMatching(/public-routes/),
    ]);
  });
});
