import { DescribeCertificateCommand } from '@aws-sdk/client-acm';
import {
  GetApiCommand,
  GetApiMappingCommand,
  GetDomainNameCommand,
  GetIntegrationCommand,
  GetRouteCommand,
  GetStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { DescribeAutoScalingGroupsCommand, DescribePoliciesCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand, GetDashboardCommand } from '@aws-sdk/client-cloudwatch';
import { GetApplicationCommand, GetDeploymentGroupCommand } from '@aws-sdk/client-codedeploy';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeAddressesCommand,
  DescribeFlowLogsCommand,
  DescribeInternetGatewaysCommand,
  DescribeLaunchTemplatesCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetInstanceProfileCommand, GetRoleCommand, GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetAliasCommand, GetFunctionCommand, GetPolicyCommand, GetProvisionedConcurrencyConfigCommand } from '@aws-sdk/client-lambda';
import { ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  GetBucketEncryptionCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  GetBucketLoggingCommand,
} from '@aws-sdk/client-s3';
import { GetSubscriptionAttributesCommand, GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { GetLoggingConfigurationCommand, GetWebACLCommand, GetWebACLForResourceCommand } from '@aws-sdk/client-wafv2';
import type { EmulatorClients } from './aws-clients';

/** A resource's attributes as Terraform's state holds them. */
export type StateValues = Record<string, any>;
type Probe = (aws: EmulatorClients, v: StateValues) => Promise<boolean>;

/** Whether an SDK error means "no such thing" (rather than a failure to ask). */
function isNotFound(error: unknown): boolean {
  const { name = '', $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return /NotFound|NoSuch|NotExist|Nonexistent/.test(name) || $metadata?.httpStatusCode === 404;
}

/** Runs a call: true when it finds the resource, false when AWS says there is none. */
async function found(call: () => Promise<unknown>, present: (answer: any) => boolean = () => true): Promise<boolean> {
  try {
    return present(await call());
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

const some = (list: unknown[] | undefined) => (list?.length ?? 0) > 0;

/**
 * For each resource type the stacks declare, how to ask the emulator whether
 * one exists, from the attributes in Terraform's state. A type missing here
 * fails the rehearsal, so a new resource cannot go unchecked.
 */
export const RESOURCE_PROBES: Record<string, Probe> = {
  aws_cloudwatch_log_group: (a, v) =>
    found(
      () => a.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: v.name })),
      (r) => r.logGroups.some((g: any) => g.logGroupName === v.name),
    ),
  aws_iam_role: (a, v) => found(() => a.iam.send(new GetRoleCommand({ RoleName: v.name }))),
  aws_iam_role_policy: (a, v) => found(() => a.iam.send(new GetRolePolicyCommand({ RoleName: v.role, PolicyName: v.name }))),
  aws_iam_instance_profile: (a, v) => found(() => a.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: v.name }))),
  aws_lambda_function: (a, v) => found(() => a.lambda.send(new GetFunctionCommand({ FunctionName: v.function_name }))),
  aws_lambda_alias: (a, v) => found(() => a.lambda.send(new GetAliasCommand({ FunctionName: v.function_name, Name: v.name }))),
  aws_lambda_permission: (a, v) =>
    found(
      () => a.lambda.send(new GetPolicyCommand({ FunctionName: v.function_name, Qualifier: v.qualifier || undefined })),
      (r) => JSON.parse(r.Policy).Statement.some((s: any) => s.Sid === v.statement_id),
    ),
  aws_lambda_provisioned_concurrency_config: (a, v) =>
    found(() => a.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: v.function_name, Qualifier: v.qualifier }))),
  aws_apigatewayv2_api: (a, v) => found(() => a.apigw.send(new GetApiCommand({ ApiId: v.id }))),
  aws_apigatewayv2_integration: (a, v) => found(() => a.apigw.send(new GetIntegrationCommand({ ApiId: v.api_id, IntegrationId: v.id }))),
  aws_apigatewayv2_route: (a, v) => found(() => a.apigw.send(new GetRouteCommand({ ApiId: v.api_id, RouteId: v.id }))),
  aws_apigatewayv2_stage: (a, v) => found(() => a.apigw.send(new GetStageCommand({ ApiId: v.api_id, StageName: v.name }))),
  aws_apigatewayv2_domain_name: (a, v) => found(() => a.apigw.send(new GetDomainNameCommand({ DomainName: v.domain_name }))),
  aws_apigatewayv2_api_mapping: (a, v) => found(() => a.apigw.send(new GetApiMappingCommand({ DomainName: v.domain_name, ApiMappingId: v.id }))),
  aws_acm_certificate: (a, v) => found(() => a.acm.send(new DescribeCertificateCommand({ CertificateArn: v.arn }))),
  aws_acm_certificate_validation: (a, v) =>
    found(
      () => a.acm.send(new DescribeCertificateCommand({ CertificateArn: v.certificate_arn })),
      (r) => r.Certificate.Status === 'ISSUED',
    ),
  aws_route53_record: (a, v) =>
    found(
      () => a.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: v.zone_id, StartRecordName: v.name, StartRecordType: v.type })),
      (r) => r.ResourceRecordSets.some((s: any) => s.Name.replace(/\.$/, '') === v.name.replace(/\.$/, '') && s.Type === v.type),
    ),
  aws_vpc: (a, v) =>
    found(
      () => a.ec2.send(new DescribeVpcsCommand({ VpcIds: [v.id] })),
      (r) => some(r.Vpcs),
    ),
  aws_subnet: (a, v) =>
    found(
      () => a.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [v.id] })),
      (r) => some(r.Subnets),
    ),
  aws_internet_gateway: (a, v) =>
    found(
      () => a.ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [v.id] })),
      (r) => some(r.InternetGateways),
    ),
  aws_eip: (a, v) =>
    found(
      () => a.ec2.send(new DescribeAddressesCommand({ AllocationIds: [v.id] })),
      (r) => some(r.Addresses),
    ),
  aws_nat_gateway: (a, v) =>
    found(
      () => a.ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [v.id] })),
      (r) => r.NatGateways.some((n: any) => n.State !== 'deleted'),
    ),
  aws_route_table: (a, v) =>
    found(
      () => a.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [v.id] })),
      (r) => some(r.RouteTables),
    ),
  aws_route: (a, v) =>
    found(
      () => a.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [v.route_table_id] })),
      (r) => r.RouteTables[0]?.Routes.some((route: any) => route.DestinationCidrBlock === v.destination_cidr_block),
    ),
  aws_route_table_association: (a, v) =>
    found(
      () => a.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [v.route_table_id] })),
      (r) => r.RouteTables[0]?.Associations.some((x: any) => x.RouteTableAssociationId === v.id),
    ),
  aws_vpc_endpoint: (a, v) =>
    found(
      () => a.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [v.id] })),
      (r) => r.VpcEndpoints.some((e: any) => e.State !== 'deleted'),
    ),
  aws_flow_log: (a, v) =>
    found(
      () => a.ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: [v.id] })),
      (r) => some(r.FlowLogs),
    ),
  aws_security_group: (a, v) =>
    found(
      () => a.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [v.id] })),
      (r) => some(r.SecurityGroups),
    ),
  aws_vpc_security_group_ingress_rule: (a, v) =>
    found(
      () => a.ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [v.security_group_rule_id] })),
      (r) => some(r.SecurityGroupRules),
    ),
  aws_vpc_security_group_egress_rule: (a, v) =>
    found(
      () => a.ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [v.security_group_rule_id] })),
      (r) => some(r.SecurityGroupRules),
    ),
  aws_launch_template: (a, v) =>
    found(
      () => a.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [v.id] })),
      (r) => some(r.LaunchTemplates),
    ),
  aws_lb: (a, v) =>
    found(
      () => a.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [v.arn] })),
      (r) => some(r.LoadBalancers),
    ),
  aws_lb_target_group: (a, v) =>
    found(
      () => a.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [v.arn] })),
      (r) => some(r.TargetGroups),
    ),
  aws_lb_listener: (a, v) =>
    found(
      () => a.elb.send(new DescribeListenersCommand({ ListenerArns: [v.arn] })),
      (r) => some(r.Listeners),
    ),
  aws_autoscaling_group: (a, v) =>
    found(
      () => a.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [v.name] })),
      (r) => some(r.AutoScalingGroups),
    ),
  aws_autoscaling_policy: (a, v) =>
    found(
      () => a.autoscaling.send(new DescribePoliciesCommand({ AutoScalingGroupName: v.autoscaling_group_name, PolicyNames: [v.name] })),
      (r) => some(r.ScalingPolicies),
    ),
  aws_s3_bucket: (a, v) => found(() => a.s3.send(new HeadBucketCommand({ Bucket: v.bucket }))),
  aws_s3_bucket_policy: (a, v) => found(() => a.s3.send(new GetBucketPolicyCommand({ Bucket: v.bucket }))),
  aws_s3_bucket_versioning: (a, v) =>
    found(
      () => a.s3.send(new GetBucketVersioningCommand({ Bucket: v.bucket })),
      (r) => r.Status === 'Enabled',
    ),
  aws_s3_bucket_server_side_encryption_configuration: (a, v) => found(() => a.s3.send(new GetBucketEncryptionCommand({ Bucket: v.bucket }))),
  aws_s3_bucket_public_access_block: (a, v) => found(() => a.s3.send(new GetPublicAccessBlockCommand({ Bucket: v.bucket }))),
  aws_s3_bucket_ownership_controls: (a, v) => found(() => a.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: v.bucket }))),
  aws_s3_bucket_lifecycle_configuration: (a, v) =>
    found(
      () => a.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: v.bucket })),
      (r) => some(r.Rules),
    ),
  aws_sns_topic: (a, v) => found(() => a.sns.send(new GetTopicAttributesCommand({ TopicArn: v.arn }))),
  aws_sns_topic_subscription: (a, v) => found(() => a.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: v.arn }))),
  aws_cloudwatch_metric_alarm: (a, v) =>
    found(
      () => a.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [v.alarm_name] })),
      (r) => some(r.MetricAlarms),
    ),
  aws_cloudwatch_dashboard: (a, v) => found(() => a.cloudwatch.send(new GetDashboardCommand({ DashboardName: v.dashboard_name }))),
  aws_wafv2_web_acl: (a, v) => found(() => a.waf.send(new GetWebACLCommand({ Name: v.name, Scope: 'REGIONAL', Id: v.id }))),
  aws_wafv2_web_acl_association: (a, v) =>
    found(
      () => a.waf.send(new GetWebACLForResourceCommand({ ResourceArn: v.resource_arn })),
      (r) => r.WebACL?.ARN === v.web_acl_arn,
    ),
  aws_s3_object: (a, v) => found(() => a.s3.send(new HeadObjectCommand({ Bucket: v.bucket, Key: v.key }))),
  aws_wafv2_web_acl_logging_configuration: (a, v) => found(() => a.waf.send(new GetLoggingConfigurationCommand({ ResourceArn: v.resource_arn }))),
  aws_s3_bucket_logging: (a, v) =>
    found(
      () => a.s3.send(new GetBucketLoggingCommand({ Bucket: v.bucket })),
      (r) => r.LoggingEnabled?.TargetBucket === v.target_bucket,
    ),
  aws_codedeploy_app: (a, v) => found(() => a.codedeploy.send(new GetApplicationCommand({ applicationName: v.name }))),
  aws_codedeploy_deployment_group: (a, v) =>
    found(() => a.codedeploy.send(new GetDeploymentGroupCommand({ applicationName: v.app_name, deploymentGroupName: v.deployment_group_name }))),
};

/** Resource types that live in Terraform's state only, with nothing in AWS to read back (terraform_data runs the deployment hook: a CodeDeploy deployment or an instance refresh). */
export const TERRAFORM_ONLY_TYPES = new Set(['terraform_data']);

export interface StateResource {
  address: string;
  type: string;
  values: StateValues;
}

/** Asks the emulator about each resource; returns the addresses that are missing (or, with `expectGone`, the ones still there). */
export async function probeResources(aws: EmulatorClients, resources: StateResource[], expectGone = false): Promise<string[]> {
  const wrong: string[] = [];
  for (const resource of resources) {
    if (TERRAFORM_ONLY_TYPES.has(resource.type)) continue;
    const probe = RESOURCE_PROBES[resource.type];
    if (!probe) {
      wrong.push(`${resource.address}: no read-back probe for ${resource.type} (add one to infra/rehearsal/resource-probes.ts)`);
      continue;
    }
    const exists = await probe(aws, resource.values);
    if (exists === expectGone) wrong.push(resource.address);
  }
  return wrong;
}
