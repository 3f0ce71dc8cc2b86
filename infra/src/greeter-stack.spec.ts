import type { EnvironmentDeclaration } from '@greeter/environment-config';
import { ENVIRONMENTS } from '../environments';
import { withOwnValues } from '../test/own-values';
import { fakeArtifacts, synthEnvironment } from '../test/synth';

const OWN = withOwnValues(ENVIRONMENTS);
const dev = OWN.find((e) => e.name === 'dev')!;
const staging = OWN.find((e) => e.name === 'staging')!;

const LAMBDA_ONLY = ['aws_lambda_function', 'aws_apigatewayv2_api', 'aws_lambda_alias'];
const EC2_ONLY = ['aws_autoscaling_group', 'aws_lb', 'aws_launch_template', 'aws_vpc'];

describe('the shipped environments', () => {
  it('declare dev on Lambda, staging and prod on EC2 with HTTPS through a certificate the stack creates in a zone', () => {
    expect(ENVIRONMENTS.map((e) => `${e.name} ${e.compute} ${e.domain?.hostedZoneName ? 'zone' : e.domain ? 'arn' : 'no domain'}`)).toEqual([
      'dev lambda no domain',
      'staging ec2 zone',
      'prod ec2 zone',
    ]);
  });

  it.each(OWN.map((e) => [e.name, e] as const))(
    '%s: tags every resource through the provider and its compute’s own, outputs its URL and compute, and requires Terraform 1.10',
    (_name, env) => {
      const stack = synthEnvironment(env);
      const tagged = Object.values<Record<string, any>>(stack.json.resource)
        .flatMap((byId) => Object.values<any>(byId))
        .filter((r) => r.tags?.compute);

      expect(stack.json.terraform.required_version).toBe('>= 1.10');
      expect(stack.json.provider.aws[0].default_tags[0].tags).toEqual({ app: 'greeter', environment: env.name, 'managed-by': 'cdktf', ...env.tags });
      expect(tagged.length).toBeGreaterThan(5);
      expect(new Set(tagged.map((r) => r.tags.compute))).toEqual(new Set([env.compute]));
      expect(Object.keys(stack.json.output)).toEqual(expect.arrayContaining(['url', 'compute']));
      expect(stack.json.output.compute.value).toBe(env.compute);
      // What a rollout is followed by: the CodeDeploy group on Lambda, the Auto Scaling group on EC2.
      if (env.compute === 'lambda')
        expect(stack.json.output.codedeploy_deployment_group.value).toMatch(
          /^\$\{aws_codedeploy_app\..*\.name\}\/\$\{aws_codedeploy_deployment_group\..*\.deployment_group_name\}$/,
        );
      else expect(stack.json.output.autoscaling_group_name.value).toMatch(/^\$\{aws_autoscaling_group\..*\.name\}$/);
    },
  );
});

describe('the account and the roles', () => {
  it.each([
    ['lambda', dev],
    ['ec2', { ...dev, compute: 'ec2' as const }],
  ])('%s: every role the stack creates carries the environment’s permissions boundary, in the caller’s account by default', (_compute, env) => {
    const stack = synthEnvironment(env);
    const roles = stack.resources('aws_iam_role');

    expect(roles.length).toBeGreaterThanOrEqual(2);
    for (const role of roles) expect(role.permissions_boundary).toBe('arn:aws:iam::${data.aws_caller_identity.account.account_id}:policy/greeter-dev-boundary');
    expect(stack.json.provider.aws[0].allowed_account_ids).toBeUndefined();
  });

  it('deploys only to the account an environment names: the provider refuses other credentials, the boundary is that account’s', () => {
    const stack = synthEnvironment({ ...staging, accountId: '210987654321' });

    expect(stack.json.provider.aws[0].allowed_account_ids).toEqual(['210987654321']);
    expect(stack.resources('aws_iam_role').map((role: any) => role.permissions_boundary)).toEqual(
      expect.arrayContaining(['arn:aws:iam::210987654321:policy/greeter-staging-boundary']),
    );
    expect(new Set(stack.resources('aws_iam_role').map((role: any) => role.permissions_boundary))).toEqual(
      new Set(['arn:aws:iam::210987654321:policy/greeter-staging-boundary']),
    );
    expect(stack.json.data?.aws_caller_identity).toBeUndefined();
  });
});

describe('switching compute', () => {
  it.each<[string, EnvironmentDeclaration]>([
    ['lambda', { ...staging, compute: 'lambda' }],
    ['ec2', { ...dev, compute: 'ec2' }],
  ])('is the one `compute` line: %s gets only its own resources', (compute, env) => {
    const stack = synthEnvironment(env);
    const [mine, theirs] = compute === 'lambda' ? [LAMBDA_ONLY, EC2_ONLY] : [EC2_ONLY, LAMBDA_ONLY];

    for (const type of mine) expect(stack.resources(type)).toHaveLength(1);
    for (const type of theirs) expect(stack.resources(type)).toHaveLength(0);
  });
});

describe('state', () => {
  it('lives in S3 with encryption and S3-native locking when the environment names a bucket', () => {
    expect(synthEnvironment(staging).json.terraform.backend.s3).toEqual({
      bucket: 'greeter-tfstate-staging-eu-west-1',
      key: 'greeter/staging.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    });
  });

  it('falls back to a local file outside cdktf.out (which cdktf rewrites), named relative to the stack folder', () => {
    expect(synthEnvironment(dev).json.terraform.backend).toEqual({ local: { path: '../../state/greeter-dev.tfstate' } });
  });
});

describe('a code change', () => {
  it('gives the Lambda function a new code hash and the EC2 artifact a new source hash (a new object version)', () => {
    const before = [synthEnvironment(dev, fakeArtifacts('v1')), synthEnvironment(staging, fakeArtifacts('v1'))];
    const after = [synthEnvironment(dev, fakeArtifacts('v2')), synthEnvironment(staging, fakeArtifacts('v2'))];

    expect(after[0]!.resource('aws_lambda_function')['source_code_hash']).not.toBe(before[0]!.resource('aws_lambda_function')['source_code_hash']);
    expect(after[1]!.resource('aws_s3_object')['source_hash']).not.toBe(before[1]!.resource('aws_s3_object')['source_hash']);
  });
});
