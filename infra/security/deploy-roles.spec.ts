import { ENVIRONMENTS } from '../environments';
import { withOwnValues } from '../test/own-values';
import { ACCOUNT, type BootstrapPolicies, decide, REGION, renderBootstrapPolicies, REPOSITORY, ZONES } from '../test/bootstrap-policies';
import { synthEnvironment } from '../test/synth';
import { DEPLOY_CALLS, type IamRequestTemplate, STATE_CALLS } from './deploy-calls';

// The bootstrap's policies, rendered by Terraform and evaluated by an IAM policy simulator built on AWS's
// published authorization data, for dev and prod in one account and one region: the case where nothing
// but these policies keeps dev's deploy role away from prod and from admin.
let rendered: BootstrapPolicies;
beforeAll(() => {
  rendered = renderBootstrapPolicies();
}, 120_000);

const arn = {
  role: (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`,
  policy: (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`,
  securityGroup: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0123456789abcdef0`,
  listener: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/greeter-x/50dc6c495c0c9188/f2f7dc8efc522ab2`,
  group: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:9dbbf8c4-6f1a-4a3b-8e5c-0f2a3b4c5d6e:autoScalingGroupName/greeter-x`,
  loadBalancer: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/greeter-x/50dc6c495c0c9188`,
  webAcl: `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/greeter-x-alb/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`,
  zone: (id: string) => `arn:aws:route53:::hostedzone/${id}`,
  fn: (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
};
const BOUNDARY = { dev: arn.policy('greeter-dev-boundary'), prod: arn.policy('greeter-prod-boundary') };
const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const asDev = (action: string, resource: string, context?: Record<string, string | string[]>) => decide(rendered.deploy['dev'], { action, resource, context });
const taggedAs = (environment: string) => ({ 'aws:ResourceTag/environment': environment });

describe("a deploy role can never become more than its environment's boundary", () => {
  it.each([
    ['without a boundary', {}, 'ExplicitlyDenied'],
    ["with prod's boundary", { 'iam:PermissionsBoundary': BOUNDARY.prod }, 'ExplicitlyDenied'],
    ["with dev's boundary", { 'iam:PermissionsBoundary': BOUNDARY.dev }, 'Allowed'],
  ])('creates a dev role %s: %s', async (_case, context, expected) => {
    expect(await asDev('iam:CreateRole', arn.role('greeter-dev-x'), context)).toBe(expected);
  });

  it("creates no role outside its environment's names, even with a boundary", async () => {
    expect(await asDev('iam:CreateRole', arn.role('greeter-prod-x'), { 'iam:PermissionsBoundary': BOUNDARY.dev })).toBe('ImplicitlyDenied');
    expect(await asDev('iam:CreateRole', arn.role('admin'), { 'iam:PermissionsBoundary': BOUNDARY.dev })).toBe('ImplicitlyDenied');
  });

  it.each(['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'])(
    '%s: only on a role that carries the boundary (an inline *:* on one without would be admin)',
    async (action) => {
      expect(await asDev(action, arn.role('greeter-dev-x'))).toBe('ExplicitlyDenied');
      expect(await asDev(action, arn.role('greeter-dev-x'), { 'iam:PermissionsBoundary': BOUNDARY.dev })).toBe('Allowed');
    },
  );

  it('cannot remove a boundary, swap it for another, or rewrite the boundary policy', async () => {
    expect(await asDev('iam:DeleteRolePermissionsBoundary', arn.role('greeter-dev-lambda'), { 'iam:PermissionsBoundary': BOUNDARY.dev })).toBe(
      'ExplicitlyDenied',
    );
    expect(await asDev('iam:PutRolePermissionsBoundary', arn.role('greeter-dev-lambda'), { 'iam:PermissionsBoundary': arn.policy('anything') })).toBe(
      'ExplicitlyDenied',
    );
    for (const action of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy']) {
      expect(await asDev(action, BOUNDARY.dev)).toBe('ExplicitlyDenied');
    }
  });

  it('passes its own roles only to the services the stacks hand roles to', async () => {
    for (const service of ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'codedeploy.amazonaws.com', 'vpc-flow-logs.amazonaws.com']) {
      expect(await asDev('iam:PassRole', arn.role('greeter-dev-lambda'), { 'iam:PassedToService': service })).toBe('Allowed');
    }
    expect(await asDev('iam:PassRole', arn.role('greeter-dev-lambda'), { 'iam:PassedToService': 'cloudformation.amazonaws.com' })).toBe('ImplicitlyDenied');
    expect(await asDev('iam:PassRole', arn.role('greeter-prod-instance'), { 'iam:PassedToService': 'ec2.amazonaws.com' })).toBe('ImplicitlyDenied');
  });

  it('the boundary itself grants nothing in IAM or STS, and nothing of another environment: a bounded role with *:* stays bounded', async () => {
    const bounded = (action: string, resource: string) => decide([ADMIN], { action, resource }, rendered.managed['greeter-dev-boundary']);

    expect(await bounded('iam:CreateRole', arn.role('greeter-dev-y'))).toBe('ImplicitlyDenied');
    expect(await bounded('iam:PassRole', arn.role('greeter-dev-lambda'))).toBe('ImplicitlyDenied');
    expect(await bounded('sts:AssumeRole', arn.role('greeter-github-deploy-prod'))).toBe('ImplicitlyDenied');
    expect(await bounded('s3:GetObject', 'arn:aws:s3:::greeter-prod-artifacts-abc/greeter/server.mjs')).toBe('ImplicitlyDenied');
    expect(await bounded('lambda:UpdateAlias', `${arn.fn('greeter-prod')}:live`)).toBe('ImplicitlyDenied');
    expect(await bounded('s3:GetObject', 'arn:aws:s3:::greeter-dev-artifacts-abc/greeter/server.mjs')).toBe('Allowed');
    expect(await bounded('lambda:UpdateAlias', `${arn.fn('greeter-dev')}:live`)).toBe('Allowed');
  });

  it("allows every action the stacks' roles are given, on both computes", () => {
    const dev = withOwnValues(ENVIRONMENTS).find((e) => e.name === 'dev')!;
    const stackActions = [dev, { ...dev, compute: 'ec2' as const }].flatMap((env) =>
      synthEnvironment(env)
        .resources('aws_iam_role_policy')
        .flatMap((p: any) => JSON.parse(p.policy).Statement.flatMap((st: any) => [st.Action].flat())),
    );
    const boundaryActions = rendered.managed['greeter-dev-boundary'].Statement.flatMap((st: any) => [st.Action].flat());

    expect(stackActions.length).toBeGreaterThan(10);
    expect([...new Set(stackActions)].filter((action) => !boundaryActions.includes(action))).toEqual([]);
  });
});

describe("dev's deploy role cannot touch prod's resources in the same account and region", () => {
  it.each([
    ['change a listener', 'elasticloadbalancing:ModifyListener', arn.listener],
    ['open a security group', 'ec2:AuthorizeSecurityGroupIngress', arn.securityGroup],
    ['resize an Auto Scaling group', 'autoscaling:UpdateAutoScalingGroup', arn.group],
    ['rewrite a web ACL', 'wafv2:UpdateWebACL', arn.webAcl],
  ])("may %s of its own environment, never of prod's", async (_what, action, resource) => {
    expect(await asDev(action, resource, taggedAs('dev'))).toBe('Allowed');
    expect(await asDev(action, resource, taggedAs('prod'))).toBe('ImplicitlyDenied');
    expect(await asDev(action, resource)).toBe('ImplicitlyDenied');
  });

  it('creates only what it tags as its own', async () => {
    const sg = `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0fedcba9876543210`;
    const tags = (environment: string) => ({ 'aws:RequestTag/environment': environment, 'aws:TagKeys': ['environment', 'app'] });

    expect(await asDev('ec2:CreateSecurityGroup', sg, tags('dev'))).toBe('Allowed');
    expect(await asDev('ec2:CreateSecurityGroup', sg, tags('prod'))).toBe('ImplicitlyDenied');
  });

  it("creates nothing inside prod's resources, even tagged as dev's: no subnet in its VPC, no stage on its API", async () => {
    const devTags = { 'aws:RequestTag/environment': 'dev', 'aws:TagKeys': ['environment'] };
    const prodVpc = `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-0fedcba9876543210`;
    // API Gateway v2 calls are simulated on their v1 resource (deploy-calls.ts says why).
    const prodApiCollection = `arn:aws:apigateway:${REGION}::/restapis/prodapi123/resources`;

    expect(await asDev('ec2:CreateSubnet', prodVpc, taggedAs('prod'))).toBe('ImplicitlyDenied');
    expect(await asDev('ec2:CreateSubnet', prodVpc, taggedAs('dev'))).toBe('Allowed');
    expect(await asDev('apigateway:POST', prodApiCollection, { ...taggedAs('prod'), ...devTags })).toBe('ImplicitlyDenied');
    expect(await asDev('acm:AddTagsToCertificate', `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/prod-cert`, { ...taggedAs('prod'), ...devTags })).toBe(
      'ImplicitlyDenied',
    );
  });

  it('never lets a group launch a template version nobody checked, nor join a target group after it is created', async () => {
    const group = `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:9dbbf8c4-6f1a-4a3b-8e5c-0f2a3b4c5d6e:autoScalingGroupName/greeter-dev-1`;
    const versionSpecified = (specified: string) => ({ ...taggedAs('dev'), 'autoscaling:LaunchTemplateVersionSpecified': specified });

    // On $Latest, a later version naming prod's instance profile would launch unchecked.
    expect(await asDev('autoscaling:UpdateAutoScalingGroup', group, versionSpecified('false'))).toBe('ExplicitlyDenied');
    expect(await asDev('autoscaling:UpdateAutoScalingGroup', group, versionSpecified('true'))).toBe('Allowed');
    for (const action of ['autoscaling:AttachTrafficSources', 'autoscaling:AttachLoadBalancerTargetGroups']) {
      expect(await asDev(action, group, taggedAs('dev'))).toBe('ExplicitlyDenied');
    }
  });

  it('tags on creation only what carries its own names, in its own region', async () => {
    const devTags = { 'aws:RequestTag/environment': 'dev', 'aws:TagKeys': ['environment'] };
    const webAcl = (name: string, region = REGION) => `arn:aws:wafv2:${region}:${ACCOUNT}:regional/webacl/${name}/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`;

    expect(await asDev('wafv2:TagResource', webAcl('greeter-dev-alb'), devTags)).toBe('Allowed');
    expect(await asDev('wafv2:TagResource', webAcl('someone-elses-acl'), devTags)).toBe('ImplicitlyDenied');
    expect(await asDev('acm:AddTagsToCertificate', `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/untagged`, devTags)).toBe('ImplicitlyDenied');
  });

  it("logs no flow of an interface that is not dev's (an untagged one of prod's load balancer)", async () => {
    const eni = `arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/eni-0a1b2c3d4e5f60718`;

    expect(await asDev('ec2:CreateFlowLogs', eni, { 'aws:RequestTag/environment': 'dev', 'aws:TagKeys': ['environment'] })).toBe('ImplicitlyDenied');
    expect(await asDev('ec2:CreateFlowLogs', eni, taggedAs('dev'))).toBe('Allowed');
  });

  it("launches instances only from Amazon's images, tagged as dev's", async () => {
    const image = `arn:aws:ec2:${REGION}::image/ami-0a1b2c3d4e5f60718`;
    const instance = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0a1b2c3d4e5f60718`;

    expect(await asDev('ec2:RunInstances', image, { 'ec2:Owner': 'amazon' })).toBe('Allowed');
    expect(await asDev('ec2:RunInstances', image, { 'ec2:Owner': '444455556666' })).toBe('ImplicitlyDenied');
    expect(await asDev('ec2:RunInstances', instance, { 'aws:RequestTag/environment': 'prod', 'aws:TagKeys': ['environment'] })).toBe('ImplicitlyDenied');
  });

  it('can neither re-tag a resource into dev nor move one out, nor strip the environment tag', async () => {
    const setEnvironment = (environment: string) => ({ 'aws:RequestTag/environment': environment, 'aws:TagKeys': ['environment'] });

    expect(await asDev('ec2:CreateTags', arn.securityGroup, { ...taggedAs('prod'), ...setEnvironment('dev') })).toBe('ImplicitlyDenied');
    expect(await asDev('ec2:CreateTags', arn.securityGroup, { ...taggedAs('dev'), ...setEnvironment('prod') })).toBe('ExplicitlyDenied');
    expect(await asDev('ec2:DeleteTags', arn.securityGroup, { ...taggedAs('dev'), 'aws:TagKeys': ['environment'] })).toBe('ExplicitlyDenied');
    expect(await asDev('elasticloadbalancing:AddTags', arn.loadBalancer, { ...taggedAs('prod'), ...setEnvironment('dev') })).toBe('ImplicitlyDenied');
    expect(await asDev('ec2:CreateTags', arn.securityGroup, { ...taggedAs('dev'), 'aws:RequestTag/owner': 'me', 'aws:TagKeys': ['owner'] })).toBe('Allowed');
  });

  it("changes records only in its own hosted zone, and reads only AWS's public AMI parameters", async () => {
    expect(await asDev('route53:ChangeResourceRecordSets', arn.zone(ZONES.dev))).toBe('Allowed');
    expect(await asDev('route53:ChangeResourceRecordSets', arn.zone(ZONES.prod))).toBe('ImplicitlyDenied');
    // AWS's public parameters have no account in their ARN, which the simulator cannot parse: the statement is read instead.
    const ssm = rendered.deploy['dev'].flatMap((policy) => policy.Statement).filter((st: any) => [st.Action].flat().some((a: string) => a.startsWith('ssm:')));
    expect(ssm.map((st: any) => st.Resource)).toEqual([`arn:aws:ssm:${REGION}::parameter/aws/service/ami-amazon-linux-latest/*`]);
    expect(await asDev('ssm:GetParameter', `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/prod/database-password`)).toBe('ImplicitlyDenied');
  });

  it("touches neither prod's function nor prod's state", async () => {
    expect(await asDev('lambda:UpdateFunctionCode', arn.fn('greeter-prod'))).toBe('ImplicitlyDenied');
    expect(await asDev('lambda:UpdateFunctionCode', arn.fn('greeter-dev'))).toBe('Allowed');
    expect(await asDev('s3:PutObject', 'arn:aws:s3:::acme-state/greeter/prod.tfstate')).toBe('ImplicitlyDenied');
    expect(await asDev('s3:PutObject', 'arn:aws:s3:::acme-state/greeter/dev.tfstate')).toBe('Allowed');
  });
});

describe('who may assume the roles', () => {
  it('a deploy role: only a job of its GitHub environment, running the deploy workflow from main', () => {
    const conditions = rendered.trust['greeter-github-deploy-prod'].Statement.map((st: any) => st.Condition.StringEquals);

    expect(conditions).toEqual([
      {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': `repo:${REPOSITORY}:environment:prod`,
        'token.actions.githubusercontent.com:job_workflow_ref': `${REPOSITORY}/.github/workflows/deploy-environment.yml@refs/heads/main`,
        'token.actions.githubusercontent.com:ref': 'refs/heads/main',
      },
    ]);
  });
});

describe("the pull requests' plan role reads only the project's own resources and state", () => {
  const asPlan = (action: string, resource: string) => decide([rendered.inline['plan-greeter-stacks']], { action, resource });

  it('reads the greeter functions and roles, not the rest of the account', async () => {
    expect(await asPlan('lambda:GetFunction', arn.fn('greeter-prod'))).toBe('Allowed');
    expect(await asPlan('lambda:GetFunction', arn.fn('payments'))).toBe('ImplicitlyDenied');
    expect(await asPlan('iam:GetRole', arn.role('greeter-prod-instance'))).toBe('Allowed');
    expect(await asPlan('iam:GetRole', arn.role('payments-admin'))).toBe('ImplicitlyDenied');
    expect(await asPlan('s3:GetObject', 'arn:aws:s3:::acme-state/greeter/prod.tfstate')).toBe('Allowed');
    expect(await asPlan('s3:GetObject', 'arn:aws:s3:::acme-state/payments.tfstate')).toBe('ImplicitlyDenied');
  });

  it('writes nothing', async () => {
    expect(await asPlan('lambda:UpdateFunctionCode', arn.fn('greeter-dev'))).toBe('ImplicitlyDenied');
    expect(await asPlan('s3:PutObject', 'arn:aws:s3:::acme-state/greeter/dev.tfstate')).toBe('ImplicitlyDenied');
    expect(await asPlan('ec2:AuthorizeSecurityGroupIngress', arn.securityGroup)).toBe('ImplicitlyDenied');
  });
});

describe('the deploy roles fit what IAM accepts', () => {
  // IAM counts a policy's characters without whitespace: a managed policy may hold 6,144, and a role takes 10 by default.
  it.each(['dev', 'prod'])("%s's deploy role: its own managed policies only, each within IAM's 6,144 characters, no inline policy", (env) => {
    const sizes = rendered.deploy[env].map((policy) => JSON.stringify(policy).replace(/\s/g, '').length);

    expect(sizes).toHaveLength(3);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(6_144);
    expect(Object.keys(rendered.inline)).toEqual(['plan-greeter-stacks']);
  });

  it('each statement id once per role, so a statement cannot shadow another of the same name', () => {
    for (const env of ['dev', 'prod']) {
      const sids = rendered.deploy[env].flatMap((policy) => policy.Statement.map((st: any) => st.Sid));
      expect(sids.length).toBeGreaterThan(25);
      expect(new Set(sids).size).toBe(sids.length);
    }
  });
});

describe('every AWS call a deploy makes is allowed for its environment, as the rehearsal recorded them', () => {
  const fill = (text: string, env: keyof typeof ZONES) =>
    text
      .replaceAll('{env}', env)
      .replaceAll('{region}', REGION)
      .replaceAll('{account}', ACCOUNT)
      .replaceAll('{zone}', ZONES[env])
      .replaceAll('{stateBucket}', 'acme-state');
  const filled = (request: IamRequestTemplate, env: keyof typeof ZONES) => ({
    action: request.action,
    resource: fill(request.resource, env),
    context: Object.fromEntries(
      Object.entries(request.context ?? {}).map(([key, value]) => [key, Array.isArray(value) ? value.map((v) => fill(v, env)) : fill(value, env)]),
    ),
  });

  it.each(['dev', 'prod'] as const)("%s's deploy role may make each listed call, and the S3 backend's calls on its state", async (env) => {
    const requests = [
      ...Object.entries(DEPLOY_CALLS).flatMap(([name, { iam }]) => iam.map((request) => [name, request] as const)),
      ...STATE_CALLS.map((request) => ['state', request] as const),
    ];
    const refused: string[] = [];
    for (const [name, template] of requests) {
      const request = filled(template, env);
      const decision = await decide(rendered.deploy[env], request).catch((error: Error) => error.message);
      if (decision !== 'Allowed') refused.push(`${name}: ${request.action} on ${request.resource} ${JSON.stringify(request.context)} → ${decision}`);
    }

    expect(requests.length).toBeGreaterThan(200);
    expect(refused).toEqual([]);
  });

  it('gives each call requests to simulate, or the reason it has none', () => {
    const unexplained = Object.entries(DEPLOY_CALLS).filter(([, call]) => call.iam.length > 0 === Boolean(call.notSimulated));
    expect(unexplained.map(([name]) => name)).toEqual([]);
  });
});
