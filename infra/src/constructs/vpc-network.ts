import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument } from '../secure-defaults';

export interface VpcNetworkProps {
  /** A managed policy attached as the permissions boundary of every role this construct creates: the most the role may ever do. */
  permissionsBoundaryArn?: string;
  name: string;
  region: string;
  /** Exactly two zones: one public and one private subnet in each. */
  availabilityZones: string[];
  cidrBlock?: string;
  /** A NAT gateway (in the first zone) gives private subnets a route to the internet. */
  createNatGateway: boolean;
  /** AWS services instances reach privately through interface endpoints (e.g. `logs`, `ssm`), with no route to the internet. */
  interfaceEndpoints: string[];
  /** Limits what the S3 gateway endpoint may reach: the artifact bucket and the OS package repositories. */
  s3EndpointPolicy?: string;
  /** Days the VPC's flow logs are kept in CloudWatch Logs. */
  flowLogRetentionDays: number;
}

/**
 * A VPC across two zones: public subnets for the load balancer, private
 * subnets (no public IPs, no internet route unless a NAT gateway is asked
 * for) for instances, which reach S3 through a gateway endpoint.
 */
export class VpcNetwork extends Construct {
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
  /** The managed prefix list of S3 in this region, for security group egress rules. */
  readonly s3PrefixListId: string;

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    const cidr = props.cidrBlock ?? '10.0.0.0/16';
    const vpc = new Vpc(this, 'vpc', { cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: props.name } });
    this.flowLogs(props, vpc.id);
    // The VPC's default security group is left as AWS makes it and never used: every interface the stack
    // creates names its own group. Taking it over would mean tagging a group AWS creates untagged, which a
    // deploy role could do to any untagged group in the account (docs/ci-cd.md, residual risks).
    const base = cidr.split('.').slice(0, 2).join('.');

    const igw = new InternetGateway(this, 'internet-gateway', { vpcId: vpc.id, tags: { Name: props.name } });
    const publicRoutes = new RouteTable(this, 'public-routes', { vpcId: vpc.id, tags: { Name: `${props.name}-public` } });
    new Route(this, 'public-default-route', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    const privateRoutes = new RouteTable(this, 'private-routes', { vpcId: vpc.id, tags: { Name: `${props.name}-private` } });
    const publicSubnets = this.subnets(props, vpc.id, 'public', (index) => `${base}.${index * 16}.0/20`, publicRoutes.id);
    const privateSubnets = this.subnets(props, vpc.id, 'private', (index) => `${base}.${128 + index * 16}.0/20`, privateRoutes.id);
    if (props.createNatGateway) {
      const ip = new Eip(this, 'nat-ip', { domain: 'vpc', tags: { Name: `${props.name}-nat` } });
      const nat = new NatGateway(this, 'nat-gateway', { subnetId: publicSubnets[0].id, allocationId: ip.id, tags: { Name: props.name }, dependsOn: [igw] });
      new Route(this, 'private-default-route', { routeTableId: privateRoutes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
    }
    const s3 = new VpcEndpoint(this, 's3-endpoint', {
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [privateRoutes.id],
      policy: props.s3EndpointPolicy,
      tags: { Name: `${props.name}-s3` },
    });
    if (props.interfaceEndpoints.length > 0) this.interfaceEndpoints(props, vpc.id, cidr, privateSubnets);

    this.vpcId = vpc.id;
    this.vpcCidrBlock = cidr;
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.s3PrefixListId = s3.prefixListId;
  }

  /** One subnet of the tier in each zone, none giving public IPs, each on the tier's route table. */
  private subnets(
    { name, availabilityZones }: VpcNetworkProps,
    vpcId: string,
    tier: 'public' | 'private',
    cidrOf: (index: number) => string,
    routeTableId: string,
  ) {
    return availabilityZones.map((zone, index) => {
      const subnet = new Subnet(this, `${tier}-${index}`, {
        vpcId,
        availabilityZone: zone,
        cidrBlock: cidrOf(index),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${name}-${tier}-${zone}`, tier },
      });
      new RouteTableAssociation(this, `${tier}-${index}-routes`, { subnetId: subnet.id, routeTableId });
      return subnet;
    });
  }

  /** The interface endpoints asked for, in the private subnets, reachable over HTTPS from inside the VPC only. */
  private interfaceEndpoints({ name, region, interfaceEndpoints }: VpcNetworkProps, vpcId: string, cidr: string, privateSubnets: Subnet[]): void {
    const endpointSg = new SecurityGroup(this, 'endpoint-sg', {
      name: `${name}-vpc-endpoints`,
      description: 'HTTPS from inside the VPC to the interface endpoints',
      vpcId,
    });
    new VpcSecurityGroupIngressRule(this, 'endpoint-https-from-vpc', {
      securityGroupId: endpointSg.id,
      description: 'HTTPS from instances in this VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: cidr,
    });
    for (const service of interfaceEndpoints) {
      new VpcEndpoint(this, `${service}-endpoint`, {
        vpcId,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: 'Interface',
        subnetIds: privateSubnets.map((s) => s.id),
        securityGroupIds: [endpointSg.id],
        privateDnsEnabled: true,
        tags: { Name: `${name}-${service}` },
      });
    }
  }

  /** Every accepted and rejected flow, to a log group of its own with the environment's retention. */
  private flowLogs(props: VpcNetworkProps, vpcId: string): void {
    const group = new CloudwatchLogGroup(this, 'flow-logs', { name: `/aws/vpc/${props.name}/flow-logs`, retentionInDays: props.flowLogRetentionDays });
    const role = new IamRole(this, 'flow-logs-role', {
      name: `${props.name}-flow-logs`,
      description: 'VPC flow logs: write to their own log group only',
      assumeRolePolicy: assumeRolePolicy('vpc-flow-logs.amazonaws.com'),
      permissionsBoundary: props.permissionsBoundaryArn,
    });
    new IamRolePolicy(this, 'flow-logs-policy', {
      name: 'own-log-group-only',
      role: role.id,
      policy: policyDocument([
        {
          Sid: 'OwnLogGroupOnly',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: `${group.arn}:*`,
        },
        // The delivery service looks its group up; DescribeLogGroups cannot be limited to one group.
        { Sid: 'FindLogGroup', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
      ]),
    });
    new FlowLog(this, 'flow-log', {
      vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 600,
    });
  }
}
