/**
 * Every AWS call an environment's deploy makes, as the deploy rehearsal's emulator recorded it (signing
 * service and operation: infra/rehearsal/deploy-calls-seen.ts fails the rehearsal on a call missing here),
 * with the requests AWS authorizes for it: the action, the resource, and the context AWS sets.
 * deploy-roles.spec.ts simulates each against each environment's deploy role, so a permission the
 * bootstrap lacks fails `npm test` before it fails a real deploy.
 *
 * `{env}`, `{region}`, `{account}` and `{zone}` are filled per environment. Resources AWS names by id
 * get a made-up id; what the policy tells them apart by is their tag, set in the context: `tagged` for
 * a resource of the environment, `creates` for one the call creates with the stacks' tags. Where AWS
 * authorizes more than the call's own action (tags on create, a role passed, a second resource), the
 * extra requests are listed beside it, from AWS's Service Authorization Reference and API references.
 */

export interface IamRequestTemplate {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

export interface DeployCall {
  iam: IamRequestTemplate[];
  /** Why a call has no request to simulate: where it is checked instead, or why a refusal does no harm. */
  notSimulated?: string;
}

/** The tags every resource of an environment carries (standardTags in infra/src/greeter-stack.ts). */
export const STACK_TAG_KEYS = ['app', 'compute', 'cost-center', 'environment', 'managed-by', 'owner'];

const TAGGED = { 'aws:ResourceTag/environment': '{env}' };
const REQUEST_TAGS = { 'aws:RequestTag/environment': '{env}', 'aws:TagKeys': STACK_TAG_KEYS };

const tagged = (action: string, resource: string): IamRequestTemplate => ({ action, resource, context: TAGGED });
const creates = (action: string, resource: string, extra: Record<string, string> = {}): IamRequestTemplate => ({
  action,
  resource,
  context: { ...REQUEST_TAGS, ...extra },
});
const on = (action: string, resource = '*', context?: Record<string, string | string[]>): IamRequestTemplate => ({
  action,
  resource,
  ...(context ? { context } : {}),
});
const call = (...iam: IamRequestTemplate[]): DeployCall => ({ iam });

const ec2 = (resource: string) => `arn:aws:ec2:{region}:{account}:${resource}`;
const VPC = ec2('vpc/vpc-0a1b2c3d4e5f60718');
const SUBNET = ec2('subnet/subnet-0a1b2c3d4e5f60718');
const ROUTE_TABLE = ec2('route-table/rtb-0a1b2c3d4e5f60718');
const GATEWAY = ec2('internet-gateway/igw-0a1b2c3d4e5f60718');
const SECURITY_GROUP = ec2('security-group/sg-0a1b2c3d4e5f60718');
const SECURITY_GROUP_RULE = ec2('security-group-rule/sgr-0a1b2c3d4e5f60718');
const ENDPOINT = ec2('vpc-endpoint/vpce-0a1b2c3d4e5f60718');
const FLOW_LOG = ec2('vpc-flow-log/fl-0a1b2c3d4e5f60718');
const LAUNCH_TEMPLATE = ec2('launch-template/lt-0a1b2c3d4e5f60718');
/** EC2 authorizes the tags of a creating call as ec2:CreateTags with ec2:CreateAction naming the call. */
const tagsOnCreate = (resource: string, createAction: string) => creates('ec2:CreateTags', resource, { 'ec2:CreateAction': createAction });
const ec2Creates = (action: string, created: string, ...parents: string[]) =>
  call(creates(`ec2:${action}`, created), tagsOnCreate(created, action), ...parents.map((parent) => tagged(`ec2:${action}`, parent)));

const elb = (resource: string) => `arn:aws:elasticloadbalancing:{region}:{account}:${resource}`;
const LOAD_BALANCER = elb('loadbalancer/app/greeter-{env}/50dc6c495c0c9188');
const TARGET_GROUP = elb('targetgroup/grt-1/73e2d6bc24d8a067');
const LISTENER = elb('listener/app/greeter-{env}/50dc6c495c0c9188/f2f7dc8efc522ab2');
/**
 * ELB authorizes the tags of a creating call as AddTags with elasticloadbalancing:CreateAction. The simulator's
 * data (AWS's reference merges ELB's two APIs under one prefix) knows AddTags only on load balancers: it is
 * simulated there, which the deploy policy treats as it would a new target group or listener (it names no
 * ELB resource, and decides by tag, create action and region).
 */
const elbCreates = (action: string, created: string) =>
  call(
    creates(`elasticloadbalancing:${action}`, created),
    creates('elasticloadbalancing:AddTags', LOAD_BALANCER, { 'elasticloadbalancing:CreateAction': action }),
  );

const GROUP = 'arn:aws:autoscaling:{region}:{account}:autoScalingGroup:9dbbf8c4-6f1a-4a3b-8e5c-0f2a3b4c5d6e:autoScalingGroupName/greeter-{env}-1';
const INSTANCE_ROLE = 'arn:aws:iam::{account}:role/greeter-{env}-instance';
const passRole = (role: string, service: string) => on('iam:PassRole', `arn:aws:iam::{account}:role/greeter-{env}-${role}`, { 'iam:PassedToService': service });
const passInstanceRole = on('iam:PassRole', INSTANCE_ROLE, { 'iam:PassedToService': 'ec2.amazonaws.com' });
/**
 * Auto Scaling checks that whoever creates or changes a group could launch its template: RunInstances on
 * the template, Amazon's image, the subnet and security group, and the instance, volume and network
 * interface it creates with the template's tags; and the template's instance role passed to EC2.
 */
const launches = [
  tagged('ec2:RunInstances', LAUNCH_TEMPLATE),
  on('ec2:RunInstances', 'arn:aws:ec2:{region}::image/ami-0a1b2c3d4e5f60718', { 'ec2:Owner': 'amazon' }),
  tagged('ec2:RunInstances', SUBNET),
  tagged('ec2:RunInstances', SECURITY_GROUP),
  ...['instance/i-0a1b2c3d4e5f60718', 'volume/vol-0a1b2c3d4e5f60718', 'network-interface/eni-0a1b2c3d4e5f60718'].flatMap((created) => [
    creates('ec2:RunInstances', ec2(created)),
    tagsOnCreate(ec2(created), 'RunInstances'),
  ]),
  passInstanceRole,
];

/**
 * HTTP APIs (API Gateway v2) share their IAM actions, the HTTP verbs, with REST APIs (v1), and the simulator's
 * data keeps only v1's resources for them: each call is simulated on the v1 resource of its kind (an API, its
 * stages, a resource for a route, a method's integration), which the deploy policy treats alike (it names no
 * API Gateway resource, and decides by tag and region).
 */
const APIS = 'arn:aws:apigateway:{region}::/restapis';
const API = `${APIS}/a1b2c3d4e5`;
const ROUTE = `${API}/resources/abc123`;
const INTEGRATION = `${ROUTE}/methods/GET/integration`;
const DOMAIN_NAMES = 'arn:aws:apigateway:{region}::/domainnames';
const DOMAIN_NAME = `${DOMAIN_NAMES}/api.{env}.greeter.test`;
// A domain's API mappings (v2) are simulated as its base path mappings (v1), as the comment above says.
const API_MAPPINGS = `${DOMAIN_NAME}/basepathmappings`;
const WEB_ACL = 'arn:aws:wafv2:{region}:{account}:regional/webacl/greeter-{env}-alb/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
const CERTIFICATE = 'arn:aws:acm:{region}:{account}:certificate/12345678-1234-1234-1234-123456789012';
const FUNCTION = 'arn:aws:lambda:{region}:{account}:function:greeter-{env}';
const LOG_GROUP = 'arn:aws:logs:{region}:{account}:log-group:/aws/lambda/greeter-{env}';
const ALARM = 'arn:aws:cloudwatch:{region}:{account}:alarm:greeter-{env}-lambda-errors';
const DASHBOARD = 'arn:aws:cloudwatch::{account}:dashboard/greeter-{env}';
const TOPIC = 'arn:aws:sns:{region}:{account}:greeter-{env}-alarms';
const APPLICATION = 'arn:aws:codedeploy:{region}:{account}:application:greeter-{env}';
const DEPLOYMENT_GROUP = 'arn:aws:codedeploy:{region}:{account}:deploymentgroup:greeter-{env}/greeter-{env}';
const ZONE = 'arn:aws:route53:::hostedzone/{zone}';
const BUCKET = 'arn:aws:s3:::greeter-{env}-artifacts-20261206';
const OBJECT = `${BUCKET}/greeter/greeter-lambda.zip`;
const ROLE = 'arn:aws:iam::{account}:role/greeter-{env}-lambda';
const PROFILE = 'arn:aws:iam::{account}:instance-profile/greeter-{env}-instance';
const BOUNDED = { 'iam:PermissionsBoundary': 'arn:aws:iam::{account}:policy/greeter-{env}-boundary' };

/** S3's calls, by the IAM action each is authorized as (which is not always its name). */
const s3Bucket = (action: string) => call(on(`s3:${action}`, BUCKET));
const s3Object = (action: string) => call(on(`s3:${action}`, OBJECT));

export const DEPLOY_CALLS: Record<string, DeployCall> = {
  'acm:DeleteCertificate': call(tagged('acm:DeleteCertificate', CERTIFICATE)),
  'acm:DescribeCertificate': call(on('acm:DescribeCertificate', CERTIFICATE)),
  'acm:ListTagsForCertificate': call(on('acm:ListTagsForCertificate', CERTIFICATE)),
  'acm:RequestCertificate': call(creates('acm:RequestCertificate', '*'), creates('acm:AddTagsToCertificate', CERTIFICATE)),

  // API Gateway's IAM actions are HTTP verbs on the API's paths.
  'apigateway:CreateApi': call(creates('apigateway:POST', APIS)),
  'apigateway:CreateIntegration': call(tagged('apigateway:PUT', INTEGRATION)),
  'apigateway:CreateRoute': call(tagged('apigateway:POST', `${API}/resources`)),
  // A stage with access logs: CloudWatch Logs checks the caller may set up the delivery. The simulator's data
  // gives stages (as most of v2's collections) two ARN patterns in one string, which matches neither: simulated on
  // the API's resources, a collection of the API as the stages are.
  'apigateway:CreateStage': call(
    { action: 'apigateway:POST', resource: `${API}/resources`, context: { ...TAGGED, ...REQUEST_TAGS } },
    ...[
      'CreateLogDelivery',
      'GetLogDelivery',
      'UpdateLogDelivery',
      'ListLogDeliveries',
      'PutResourcePolicy',
      'DescribeResourcePolicies',
      'DescribeLogGroups',
    ].map((action) => on(`logs:${action}`)),
  ),
  // A custom domain, and the mapping of it to the API's stage.
  'apigateway:CreateDomainName': call(creates('apigateway:POST', DOMAIN_NAMES)),
  'apigateway:GetDomainName': call(on('apigateway:GET', DOMAIN_NAME)),
  'apigateway:DeleteDomainName': call(tagged('apigateway:DELETE', DOMAIN_NAME)),
  'apigateway:CreateApiMapping': call(tagged('apigateway:POST', API_MAPPINGS)),
  'apigateway:GetApiMapping': call(on('apigateway:GET', `${API_MAPPINGS}/abc123`)),
  'apigateway:DeleteApiMapping': call(tagged('apigateway:DELETE', `${API_MAPPINGS}/abc123`)),
  // The guard against a plain deploy replacing the compute: is there an HTTP API of the environment's name?
  'apigateway:GetApis': call(on('apigateway:GET', APIS)),
  'apigateway:DeleteApi': call(tagged('apigateway:DELETE', API)),
  'apigateway:DeleteIntegration': call(tagged('apigateway:DELETE', INTEGRATION)),
  'apigateway:DeleteRoute': call(tagged('apigateway:DELETE', ROUTE)),
  'apigateway:DeleteStage': call(tagged('apigateway:DELETE', `${API}/stages/default`)),
  'apigateway:GetApi': call(on('apigateway:GET', API)),
  'apigateway:GetIntegration': call(on('apigateway:GET', INTEGRATION)),
  'apigateway:GetRoute': call(on('apigateway:GET', ROUTE)),
  'apigateway:GetStage': call(on('apigateway:GET', `${API}/stages/default`)),

  'autoscaling:CreateAutoScalingGroup': call(
    creates('autoscaling:CreateAutoScalingGroup', GROUP),
    { action: 'autoscaling:CreateOrUpdateTags', resource: GROUP, context: REQUEST_TAGS },
    ...launches,
  ),
  'autoscaling:DeleteAutoScalingGroup': call(tagged('autoscaling:DeleteAutoScalingGroup', GROUP)),
  'autoscaling:DeletePolicy': call(tagged('autoscaling:DeletePolicy', GROUP)),
  'autoscaling:DescribeAutoScalingGroups': call(on('autoscaling:DescribeAutoScalingGroups')),
  'autoscaling:DescribeInstanceRefreshes': call(on('autoscaling:DescribeInstanceRefreshes')),
  'autoscaling:DescribePolicies': call(on('autoscaling:DescribePolicies')),
  'autoscaling:DescribeScalingActivities': call(on('autoscaling:DescribeScalingActivities')),
  'autoscaling:EnableMetricsCollection': call(tagged('autoscaling:EnableMetricsCollection', GROUP)),
  'autoscaling:PutScalingPolicy': call(tagged('autoscaling:PutScalingPolicy', GROUP)),
  'autoscaling:StartInstanceRefresh': call(tagged('autoscaling:StartInstanceRefresh', GROUP), ...launches),
  'autoscaling:UpdateAutoScalingGroup': call(tagged('autoscaling:UpdateAutoScalingGroup', GROUP), ...launches),

  'codedeploy:CreateApplication': call(on('codedeploy:CreateApplication', APPLICATION), on('codedeploy:TagResource', APPLICATION)),
  'codedeploy:CreateDeployment': call(
    on('codedeploy:CreateDeployment', DEPLOYMENT_GROUP),
    on('codedeploy:GetDeploymentConfig', 'arn:aws:codedeploy:{region}:{account}:deploymentconfig:CodeDeployDefault.LambdaCanary10Percent5Minutes'),
    on('codedeploy:RegisterApplicationRevision', APPLICATION),
    on('codedeploy:GetApplicationRevision', APPLICATION),
  ),
  'codedeploy:CreateDeploymentGroup': call(
    on('codedeploy:CreateDeploymentGroup', DEPLOYMENT_GROUP),
    on('codedeploy:TagResource', DEPLOYMENT_GROUP),
    passRole('codedeploy', 'codedeploy.amazonaws.com'),
  ),
  'codedeploy:DeleteApplication': call(on('codedeploy:DeleteApplication', APPLICATION)),
  'codedeploy:DeleteDeploymentGroup': call(on('codedeploy:DeleteDeploymentGroup', DEPLOYMENT_GROUP)),
  'codedeploy:GetApplication': call(on('codedeploy:GetApplication', APPLICATION)),
  'codedeploy:GetDeployment': call(on('codedeploy:GetDeployment', DEPLOYMENT_GROUP)),
  'codedeploy:GetDeploymentGroup': call(on('codedeploy:GetDeploymentGroup', DEPLOYMENT_GROUP)),
  'codedeploy:ListDeployments': call(on('codedeploy:ListDeployments', DEPLOYMENT_GROUP)),
  'codedeploy:ListTagsForResource': call(on('codedeploy:ListTagsForResource', APPLICATION)),
  // A switch adds the other compute's alarms to the group's rollback alarms, and takes them out again.
  'codedeploy:UpdateDeploymentGroup': call(on('codedeploy:UpdateDeploymentGroup', DEPLOYMENT_GROUP), passRole('codedeploy', 'codedeploy.amazonaws.com')),

  'ec2:AssociateRouteTable': call(tagged('ec2:AssociateRouteTable', ROUTE_TABLE), tagged('ec2:AssociateRouteTable', SUBNET)),
  'ec2:AttachInternetGateway': call(tagged('ec2:AttachInternetGateway', GATEWAY), tagged('ec2:AttachInternetGateway', VPC)),
  'ec2:AuthorizeSecurityGroupEgress': ec2Creates('AuthorizeSecurityGroupEgress', SECURITY_GROUP_RULE, SECURITY_GROUP),
  'ec2:AuthorizeSecurityGroupIngress': ec2Creates('AuthorizeSecurityGroupIngress', SECURITY_GROUP_RULE, SECURITY_GROUP),
  'ec2:CreateFlowLogs': { iam: [...ec2Creates('CreateFlowLogs', FLOW_LOG, VPC).iam, passRole('flow-logs', 'vpc-flow-logs.amazonaws.com')] },
  'ec2:CreateInternetGateway': ec2Creates('CreateInternetGateway', GATEWAY),
  'ec2:CreateLaunchTemplate': { iam: [...ec2Creates('CreateLaunchTemplate', LAUNCH_TEMPLATE).iam, passInstanceRole] },
  'ec2:CreateLaunchTemplateVersion': call(tagged('ec2:CreateLaunchTemplateVersion', LAUNCH_TEMPLATE), passInstanceRole),
  'ec2:CreateRoute': call(tagged('ec2:CreateRoute', ROUTE_TABLE)),
  'ec2:CreateRouteTable': ec2Creates('CreateRouteTable', ROUTE_TABLE, VPC),
  'ec2:CreateSecurityGroup': ec2Creates('CreateSecurityGroup', SECURITY_GROUP, VPC),
  'ec2:CreateSubnet': ec2Creates('CreateSubnet', SUBNET, VPC),
  'ec2:CreateVpc': ec2Creates('CreateVpc', VPC),
  'ec2:CreateVpcEndpoint': ec2Creates('CreateVpcEndpoint', ENDPOINT, VPC, SUBNET, SECURITY_GROUP, ROUTE_TABLE),
  'ec2:DeleteFlowLogs': call(tagged('ec2:DeleteFlowLogs', FLOW_LOG)),
  'ec2:DeleteInternetGateway': call(tagged('ec2:DeleteInternetGateway', GATEWAY)),
  'ec2:DeleteLaunchTemplate': call(tagged('ec2:DeleteLaunchTemplate', LAUNCH_TEMPLATE)),
  'ec2:DeleteRoute': call(tagged('ec2:DeleteRoute', ROUTE_TABLE)),
  'ec2:DeleteRouteTable': call(tagged('ec2:DeleteRouteTable', ROUTE_TABLE)),
  'ec2:DeleteSecurityGroup': call(tagged('ec2:DeleteSecurityGroup', SECURITY_GROUP)),
  'ec2:DeleteSubnet': call(tagged('ec2:DeleteSubnet', SUBNET)),
  'ec2:DeleteVpc': call(tagged('ec2:DeleteVpc', VPC)),
  'ec2:DeleteVpcEndpoints': call(tagged('ec2:DeleteVpcEndpoints', ENDPOINT)),
  'ec2:DescribeFlowLogs': call(on('ec2:DescribeFlowLogs')),
  'ec2:DescribeInternetGateways': call(on('ec2:DescribeInternetGateways')),
  'ec2:DescribeLaunchTemplateVersions': call(on('ec2:DescribeLaunchTemplateVersions')),
  'ec2:DescribeLaunchTemplates': call(on('ec2:DescribeLaunchTemplates')),
  'ec2:DescribeNetworkAcls': call(on('ec2:DescribeNetworkAcls')),
  'ec2:DescribeNetworkInterfaces': call(on('ec2:DescribeNetworkInterfaces')),
  'ec2:DescribePrefixLists': call(on('ec2:DescribePrefixLists')),
  'ec2:DescribeRouteTables': call(on('ec2:DescribeRouteTables')),
  'ec2:DescribeSecurityGroupRules': call(on('ec2:DescribeSecurityGroupRules')),
  'ec2:DescribeSecurityGroups': call(on('ec2:DescribeSecurityGroups')),
  'ec2:DescribeSubnets': call(on('ec2:DescribeSubnets')),
  'ec2:DescribeVpcAttribute': call(on('ec2:DescribeVpcAttribute', VPC)),
  'ec2:DescribeVpcEndpoints': call(on('ec2:DescribeVpcEndpoints')),
  'ec2:DescribeVpcs': call(on('ec2:DescribeVpcs')),
  'ec2:DetachInternetGateway': call(tagged('ec2:DetachInternetGateway', GATEWAY), tagged('ec2:DetachInternetGateway', VPC)),
  'ec2:DisassociateRouteTable': call(tagged('ec2:DisassociateRouteTable', ROUTE_TABLE)),
  'ec2:ModifyLaunchTemplate': call(tagged('ec2:ModifyLaunchTemplate', LAUNCH_TEMPLATE)),
  'ec2:ModifySecurityGroupRules': call(tagged('ec2:ModifySecurityGroupRules', SECURITY_GROUP)),
  'ec2:ModifyVpcAttribute': call(tagged('ec2:ModifyVpcAttribute', VPC)),
  'ec2:RevokeSecurityGroupEgress': call(tagged('ec2:RevokeSecurityGroupEgress', SECURITY_GROUP)),
  'ec2:RevokeSecurityGroupIngress': call(tagged('ec2:RevokeSecurityGroupIngress', SECURITY_GROUP)),

  // A listener is created on its load balancer, and tagged as new.
  'elasticloadbalancing:CreateListener': call(
    tagged('elasticloadbalancing:CreateListener', LOAD_BALANCER),
    creates('elasticloadbalancing:AddTags', LOAD_BALANCER, { 'elasticloadbalancing:CreateAction': 'CreateListener' }),
  ),
  'elasticloadbalancing:CreateLoadBalancer': elbCreates('CreateLoadBalancer', LOAD_BALANCER),
  'elasticloadbalancing:CreateTargetGroup': elbCreates('CreateTargetGroup', TARGET_GROUP),
  'elasticloadbalancing:DeleteListener': call(tagged('elasticloadbalancing:DeleteListener', LISTENER)),
  'elasticloadbalancing:DeleteLoadBalancer': call(tagged('elasticloadbalancing:DeleteLoadBalancer', LOAD_BALANCER)),
  'elasticloadbalancing:DeleteTargetGroup': call(tagged('elasticloadbalancing:DeleteTargetGroup', TARGET_GROUP)),
  'elasticloadbalancing:DescribeCapacityReservation': call(on('elasticloadbalancing:DescribeCapacityReservation')),
  'elasticloadbalancing:DescribeListenerAttributes': call(on('elasticloadbalancing:DescribeListenerAttributes')),
  'elasticloadbalancing:DescribeListeners': call(on('elasticloadbalancing:DescribeListeners')),
  'elasticloadbalancing:DescribeLoadBalancerAttributes': call(on('elasticloadbalancing:DescribeLoadBalancerAttributes')),
  'elasticloadbalancing:DescribeLoadBalancers': call(on('elasticloadbalancing:DescribeLoadBalancers')),
  'elasticloadbalancing:DescribeTags': call(on('elasticloadbalancing:DescribeTags')),
  'elasticloadbalancing:DescribeTargetGroupAttributes': call(on('elasticloadbalancing:DescribeTargetGroupAttributes')),
  'elasticloadbalancing:DescribeTargetGroups': call(on('elasticloadbalancing:DescribeTargetGroups')),
  'elasticloadbalancing:DescribeTargetHealth': call(on('elasticloadbalancing:DescribeTargetHealth')),
  // The compute switch: the listener's weights, and the function's alias registered in its target group.
  'elasticloadbalancing:ModifyListener': call(tagged('elasticloadbalancing:ModifyListener', LISTENER)),
  'elasticloadbalancing:RegisterTargets': call(tagged('elasticloadbalancing:RegisterTargets', TARGET_GROUP)),
  'elasticloadbalancing:DeregisterTargets': call(tagged('elasticloadbalancing:DeregisterTargets', TARGET_GROUP)),
  'elasticloadbalancing:ModifyLoadBalancerAttributes': call(tagged('elasticloadbalancing:ModifyLoadBalancerAttributes', LOAD_BALANCER)),
  'elasticloadbalancing:ModifyTargetGroupAttributes': call(tagged('elasticloadbalancing:ModifyTargetGroupAttributes', TARGET_GROUP)),

  'iam:AddRoleToInstanceProfile': call(on('iam:AddRoleToInstanceProfile', PROFILE), passInstanceRole),
  'iam:CreateInstanceProfile': call(on('iam:CreateInstanceProfile', PROFILE), on('iam:TagInstanceProfile', PROFILE)),
  'iam:CreateRole': call(on('iam:CreateRole', ROLE, BOUNDED), on('iam:TagRole', ROLE)),
  'iam:DeleteInstanceProfile': call(on('iam:DeleteInstanceProfile', PROFILE)),
  'iam:DeleteRole': call(on('iam:DeleteRole', ROLE, BOUNDED)),
  'iam:DeleteRolePolicy': call(on('iam:DeleteRolePolicy', ROLE, BOUNDED)),
  'iam:GetInstanceProfile': call(on('iam:GetInstanceProfile', PROFILE)),
  'iam:GetRole': call(on('iam:GetRole', ROLE)),
  'iam:GetRolePolicy': call(on('iam:GetRolePolicy', ROLE)),
  'iam:GetUser': { iam: [], notSimulated: 'the provider asks who the caller is as a user to learn the account; refused (a role is no user), it asks STS' },
  'iam:ListAttachedRolePolicies': call(on('iam:ListAttachedRolePolicies', ROLE)),
  'iam:ListInstanceProfilesForRole': call(on('iam:ListInstanceProfilesForRole', ROLE)),
  'iam:ListRolePolicies': call(on('iam:ListRolePolicies', ROLE)),
  'iam:PutRolePolicy': call(on('iam:PutRolePolicy', ROLE, BOUNDED)),
  'iam:RemoveRoleFromInstanceProfile': call(on('iam:RemoveRoleFromInstanceProfile', PROFILE)),

  'lambda:AddPermission': call(on('lambda:AddPermission', FUNCTION)),
  'lambda:CreateAlias': call(on('lambda:CreateAlias', FUNCTION)),
  'lambda:CreateFunction': call(on('lambda:CreateFunction', FUNCTION), on('lambda:TagResource', FUNCTION), passRole('lambda', 'lambda.amazonaws.com')),
  'lambda:DeleteAlias': call(on('lambda:DeleteAlias', FUNCTION)),
  'lambda:DeleteFunction': call(on('lambda:DeleteFunction', FUNCTION)),
  'lambda:GetAlias': call(on('lambda:GetAlias', FUNCTION)),
  'lambda:GetFunction': call(on('lambda:GetFunction', FUNCTION)),
  'lambda:GetFunctionCodeSigningConfig': call(on('lambda:GetFunctionCodeSigningConfig', FUNCTION)),
  'lambda:GetFunctionConfiguration': call(on('lambda:GetFunctionConfiguration', FUNCTION)),
  'lambda:GetPolicy': call(on('lambda:GetPolicy', FUNCTION)),
  'lambda:ListVersionsByFunction': call(on('lambda:ListVersionsByFunction', FUNCTION)),
  'lambda:PublishVersion': call(on('lambda:PublishVersion', FUNCTION)),
  'lambda:RemovePermission': call(on('lambda:RemovePermission', FUNCTION)),
  'lambda:UpdateFunctionCode': call(on('lambda:UpdateFunctionCode', FUNCTION)),
  'lambda:UpdateFunctionConfiguration': call(on('lambda:UpdateFunctionConfiguration', FUNCTION), passRole('lambda', 'lambda.amazonaws.com')),

  'logs:CreateLogGroup': call(on('logs:CreateLogGroup', LOG_GROUP), on('logs:TagResource', LOG_GROUP)),
  'logs:DeleteLogGroup': call(on('logs:DeleteLogGroup', LOG_GROUP)),
  'logs:DescribeLogGroups': call(on('logs:DescribeLogGroups')),
  'logs:ListTagsForResource': call(on('logs:ListTagsForResource', LOG_GROUP)),
  'logs:PutRetentionPolicy': call(on('logs:PutRetentionPolicy', LOG_GROUP)),

  // CloudWatch signs as "monitoring"; its IAM actions are "cloudwatch:".
  'monitoring:DeleteAlarms': call(on('cloudwatch:DeleteAlarms', ALARM)),
  'monitoring:DeleteDashboards': call(on('cloudwatch:DeleteDashboards', DASHBOARD)),
  'monitoring:DescribeAlarms': call(on('cloudwatch:DescribeAlarms', ALARM)),
  'monitoring:GetDashboard': call(on('cloudwatch:GetDashboard', DASHBOARD)),
  'monitoring:ListTagsForResource': call(on('cloudwatch:ListTagsForResource', ALARM)),
  'monitoring:PutDashboard': call(on('cloudwatch:PutDashboard', DASHBOARD)),
  'monitoring:PutMetricAlarm': call(on('cloudwatch:PutMetricAlarm', ALARM), on('cloudwatch:TagResource', ALARM)),

  'route53:ChangeResourceRecordSets': call(on('route53:ChangeResourceRecordSets', ZONE)),
  'route53:GetChange': call(on('route53:GetChange', 'arn:aws:route53:::change/C2682N5HXP0BZ4')),
  'route53:GetHostedZone': call(on('route53:GetHostedZone', ZONE)),
  'route53:ListHostedZones': call(on('route53:ListHostedZones')),
  'route53:ListResourceRecordSets': call(on('route53:ListResourceRecordSets', ZONE)),
  'route53:ListTagsForResource': call(on('route53:ListTagsForResource', ZONE)),

  's3:CreateBucket': s3Bucket('CreateBucket'),
  's3:DeleteBucket': s3Bucket('DeleteBucket'),
  's3:DeleteBucketEncryption': s3Bucket('PutEncryptionConfiguration'),
  's3:DeleteBucketLifecycle': s3Bucket('PutLifecycleConfiguration'),
  's3:DeleteBucketOwnershipControls': s3Bucket('PutBucketOwnershipControls'),
  's3:DeleteBucketPolicy': s3Bucket('DeleteBucketPolicy'),
  's3:DeleteObject': s3Object('DeleteObject'),
  's3:DeleteObjects': s3Object('DeleteObject'),
  's3:DeletePublicAccessBlock': s3Bucket('PutBucketPublicAccessBlock'),
  's3:GetBucketAccelerateConfiguration': s3Bucket('GetAccelerateConfiguration'),
  's3:GetBucketAcl': s3Bucket('GetBucketAcl'),
  's3:GetBucketCors': s3Bucket('GetBucketCORS'),
  's3:GetBucketEncryption': s3Bucket('GetEncryptionConfiguration'),
  's3:GetBucketLifecycleConfiguration': s3Bucket('GetLifecycleConfiguration'),
  's3:GetBucketLogging': s3Bucket('GetBucketLogging'),
  's3:GetBucketOwnershipControls': s3Bucket('GetBucketOwnershipControls'),
  's3:GetBucketPolicy': s3Bucket('GetBucketPolicy'),
  's3:GetBucketReplication': s3Bucket('GetReplicationConfiguration'),
  's3:GetBucketRequestPayment': s3Bucket('GetBucketRequestPayment'),
  's3:GetBucketTagging': s3Bucket('GetBucketTagging'),
  's3:GetBucketVersioning': s3Bucket('GetBucketVersioning'),
  's3:GetBucketWebsite': s3Bucket('GetBucketWebsite'),
  's3:GetObjectLockConfiguration': s3Bucket('GetBucketObjectLockConfiguration'),
  's3:GetObjectTagging': s3Object('GetObjectTagging'),
  's3:GetPublicAccessBlock': s3Bucket('GetBucketPublicAccessBlock'),
  's3:HeadBucket': s3Bucket('ListBucket'),
  's3:HeadObject': s3Object('GetObject'),
  's3:ListObjectVersions': s3Bucket('ListBucketVersions'),
  's3:PutBucketEncryption': s3Bucket('PutEncryptionConfiguration'),
  's3:PutBucketLifecycleConfiguration': s3Bucket('PutLifecycleConfiguration'),
  's3:PutBucketLogging': s3Bucket('PutBucketLogging'),
  's3:PutBucketOwnershipControls': s3Bucket('PutBucketOwnershipControls'),
  's3:PutBucketPolicy': s3Bucket('PutBucketPolicy'),
  's3:PutBucketTagging': s3Bucket('PutBucketTagging'),
  's3:PutBucketVersioning': s3Bucket('PutBucketVersioning'),
  's3:PutObject': call(on('s3:PutObject', OBJECT), on('s3:PutObjectTagging', OBJECT)),
  's3:PutPublicAccessBlock': s3Bucket('PutBucketPublicAccessBlock'),

  'sns:CreateTopic': call(on('sns:CreateTopic', TOPIC), on('sns:TagResource', TOPIC)),
  'sns:DeleteTopic': call(on('sns:DeleteTopic', TOPIC)),
  'sns:GetTopicAttributes': call(on('sns:GetTopicAttributes', TOPIC)),
  'sns:ListTagsForResource': call(on('sns:ListTagsForResource', TOPIC)),
  'sns:SetTopicAttributes': call(on('sns:SetTopicAttributes', TOPIC)),
  'sns:TagResource': call(on('sns:TagResource', TOPIC)),

  'ssm:GetParameter': {
    iam: [],
    notSimulated: "AWS's public parameters have no account in their ARN, which the simulator cannot read: deploy-roles.spec.ts checks the statement itself",
  },
  'sts:GetCallerIdentity': call(on('sts:GetCallerIdentity')),

  'wafv2:AssociateWebACL': call(
    tagged('wafv2:AssociateWebACL', WEB_ACL),
    tagged('wafv2:AssociateWebACL', LOAD_BALANCER),
    tagged('elasticloadbalancing:CreateWebACLAssociation', LOAD_BALANCER),
    on('elasticloadbalancing:SetWebAcl'),
  ),
  'wafv2:CreateWebACL': call(creates('wafv2:CreateWebACL', WEB_ACL), creates('wafv2:TagResource', WEB_ACL)),
  'wafv2:DeleteLoggingConfiguration': call(tagged('wafv2:DeleteLoggingConfiguration', WEB_ACL), on('logs:DeleteLogDelivery')),
  'wafv2:DeleteWebACL': call(tagged('wafv2:DeleteWebACL', WEB_ACL)),
  'wafv2:DisassociateWebACL': call(tagged('wafv2:DisassociateWebACL', LOAD_BALANCER), on('elasticloadbalancing:SetWebAcl')),
  'wafv2:GetLoggingConfiguration': call(on('wafv2:GetLoggingConfiguration', WEB_ACL)),
  'wafv2:GetWebACL': call(on('wafv2:GetWebACL', WEB_ACL)),
  'wafv2:GetWebACLForResource': call(on('wafv2:GetWebACLForResource', LOAD_BALANCER)),
  'wafv2:ListTagsForResource': call(on('wafv2:ListTagsForResource', WEB_ACL)),
  'wafv2:PutLoggingConfiguration': call(
    tagged('wafv2:PutLoggingConfiguration', WEB_ACL),
    ...['CreateLogDelivery', 'PutResourcePolicy', 'DescribeResourcePolicies', 'DescribeLogGroups'].map((action) => on(`logs:${action}`)),
    on('iam:CreateServiceLinkedRole', 'arn:aws:iam::{account}:role/aws-service-role/wafv2.amazonaws.com/AWSServiceRoleForWAFV2Logging', {
      'iam:AWSServiceName': 'wafv2.amazonaws.com',
    }),
  ),
};

/**
 * The S3 backend's calls on the state object and its lock: not on the emulator, where the rehearsal
 * keeps state in a local file, so listed here from the backend's code (use_lockfile).
 */
export const STATE_CALLS: IamRequestTemplate[] = [
  on('s3:ListBucket', 'arn:aws:s3:::{stateBucket}'),
  ...['GetObject', 'PutObject', 'DeleteObject'].flatMap((action) => [
    on(`s3:${action}`, 'arn:aws:s3:::{stateBucket}/greeter/{env}.tfstate'),
    on(`s3:${action}`, 'arn:aws:s3:::{stateBucket}/greeter/{env}.tfstate.tflock'),
  ]),
];
