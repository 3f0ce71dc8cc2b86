import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument } from '../secure-defaults';
import type { LoadBalancedInstancesProps } from './load-balanced-instances';

/*
 * Who may reach the instances, and what they may do: parts of LoadBalancedInstances, created in its scope (so
 * their Terraform addresses are its own), kept here to keep that construct to one concern a file.
 */

/** The SSM agent's calls for Session Manager (AWS: "minimal instance permissions for Session Manager"), plus its Run Command channel. */
export const SESSION_MANAGER_ACTIONS = [
  'ssm:UpdateInstanceInformation',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'ec2messages:AcknowledgeMessage',
  'ec2messages:DeleteMessage',
  'ec2messages:FailMessage',
  'ec2messages:GetEndpoint',
  'ec2messages:GetMessages',
  'ec2messages:SendReply',
];

/** The load balancer's and the instances' security groups: web traffic in to the ALB, the app port from it only, HTTPS out where needed. */
export function loadBalancerAndInstanceSecurityGroups(
  scope: Construct,
  { name, network, instances: { appPort }, edge: { certificateArn } }: LoadBalancedInstancesProps,
): { albSg: SecurityGroup; instanceSg: SecurityGroup } {
  const albSg = new SecurityGroup(scope, 'alb-sg', {
    name: `${name}-alb`,
    description: 'The load balancer: web traffic in, app port out to instances',
    vpcId: network.vpcId,
  });
  const instanceSg = new SecurityGroup(scope, 'instance-sg', {
    name: `${name}-instances`,
    description: 'Instances: only the load balancer may reach the app',
    vpcId: network.vpcId,
  });
  const listenerPorts = certificateArn ? [80, 443] : [80];
  for (const port of listenerPorts) {
    for (const [family, cidr] of [
      ['ipv4', '0.0.0.0/0'],
      ['ipv6', '::/0'],
    ] as const) {
      new VpcSecurityGroupIngressRule(scope, `alb-in-${port}-${family}`, {
        securityGroupId: albSg.id,
        description: port === 443 ? 'HTTPS from anywhere' : certificateArn ? 'HTTP from anywhere, redirected to HTTPS' : 'HTTP from anywhere',
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        ...(family === 'ipv4' ? { cidrIpv4: cidr } : { cidrIpv6: cidr }),
      });
    }
  }
  new VpcSecurityGroupEgressRule(scope, 'alb-out-to-instances', {
    securityGroupId: albSg.id,
    description: 'The app port on instances, for requests and health checks',
    ipProtocol: 'tcp',
    fromPort: appPort,
    toPort: appPort,
    referencedSecurityGroupId: instanceSg.id,
  });
  new VpcSecurityGroupIngressRule(scope, 'instance-in-from-alb', {
    securityGroupId: instanceSg.id,
    description: 'The app port, from the load balancer only',
    ipProtocol: 'tcp',
    fromPort: appPort,
    toPort: appPort,
    referencedSecurityGroupId: albSg.id,
  });
  const allowInstancesHttpsTo = (id: string, description: string, destination: { prefixListId: string } | { cidrIpv4: string }) =>
    new VpcSecurityGroupEgressRule(scope, id, { securityGroupId: instanceSg.id, description, ipProtocol: 'tcp', fromPort: 443, toPort: 443, ...destination });
  allowInstancesHttpsTo('instance-out-to-s3', 'HTTPS to S3 through the gateway endpoint: the artifact and the OS package repositories', {
    prefixListId: network.s3PrefixListId,
  });
  allowInstancesHttpsTo('instance-out-to-vpc-endpoints', 'HTTPS to interface endpoints in the VPC (CloudWatch Logs, SSM Session Manager)', {
    cidrIpv4: network.vpcCidrBlock,
  });
  if (network.httpsEgressToInternet) {
    allowInstancesHttpsTo('instance-out-to-internet', 'HTTPS to the internet through the NAT gateway', { cidrIpv4: '0.0.0.0/0' });
  }
  return { albSg, instanceSg };
}

/** The instances' role: read their own artifact, ship their own logs, and Session Manager, nothing more. */
export function instanceProfile(scope: Construct, props: LoadBalancedInstancesProps): IamInstanceProfile {
  const role = new IamRole(scope, 'instance-role', {
    name: `${props.name}-instance`,
    description: 'Greeter instances: read their artifact, ship their logs, and be reachable through SSM Session Manager',
    assumeRolePolicy: assumeRolePolicy('ec2.amazonaws.com'),
    permissionsBoundary: props.permissionsBoundaryArn,
  });
  new IamRolePolicy(scope, 'read-artifact', {
    name: 'read-own-artifact',
    role: role.id,
    policy: policyDocument([
      { Sid: 'ReadArtifact', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: props.instances.readableObjectArns },
    ]),
  });
  new IamRolePolicy(scope, 'ship-app-logs', {
    name: 'ship-own-app-logs',
    role: role.id,
    policy: policyDocument([
      {
        Sid: 'OwnAppLogGroupOnly',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: `${props.instances.appLogGroupArn}:*`,
      },
    ]),
  });
  // What the SSM agent needs for Session Manager, and nothing more: AmazonSSMManagedInstanceCore would also let
  // the instance read every SSM parameter in the account.
  new IamRolePolicy(scope, 'ssm-session-manager', {
    name: 'ssm-session-manager-only',
    role: role.id,
    policy: policyDocument([{ Sid: 'SessionManager', Effect: 'Allow', Action: SESSION_MANAGER_ACTIONS, Resource: '*' }]),
  });
  return new IamInstanceProfile(scope, 'instance-profile', { name: `${props.name}-instance`, role: role.name });
}
