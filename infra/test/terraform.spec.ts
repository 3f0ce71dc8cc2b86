import { join } from 'node:path';
import { MAX_ENVIRONMENT_NAME_LENGTH } from '@greeter/environment-config';
import { ENVIRONMENTS } from '../environments';
import { withOwnValues } from './own-values';
import { readGreeterArtifacts } from '../src/artifacts';
import { stackName } from '../src/greeter-stack';
import { synthAllToDisk } from './synth';
import { offlineCopy, pristineCopy, requireTerraform, TERRAFORM_MISSING, terraform, terraformEnv } from '../rehearsal/terraform-cli';

const EXPECTED_CREATES: Record<'lambda' | 'ec2', string[]> = {
  lambda: [
    'aws_lambda_function',
    'aws_lambda_alias',
    'aws_lambda_permission',
    'aws_iam_role',
    'aws_cloudwatch_log_group',
    'aws_apigatewayv2_api',
    'aws_apigatewayv2_integration',
    'aws_apigatewayv2_route',
    'aws_apigatewayv2_stage',
  ],
  ec2: [
    'aws_vpc',
    'aws_subnet',
    'aws_vpc_endpoint',
    'aws_s3_bucket',
    'aws_s3_object',
    'aws_launch_template',
    'aws_autoscaling_group',
    'aws_autoscaling_policy',
    'aws_lb',
    'aws_lb_target_group',
    'aws_lb_listener',
    'aws_security_group',
    'aws_iam_instance_profile',
  ],
};

/**
 * What Terraform can plan with no AWS at all. Two values are read from AWS at
 * plan time: a domain's hosted zone (Route 53) and the newest Amazon Linux AMI
 * (SSM); here the environments take a certificate ARN and a pinned AMI instead.
 * The deploy rehearsal plans and applies both lookups on the emulator.
 */
const PLANNABLE_OFFLINE = withOwnValues(ENVIRONMENTS).map((env) => ({
  ...env,
  // Otherwise the permissions boundary's ARN is read from STS (the caller's account).
  accountId: '111122223333',
  ...(env.domain
    ? {
        domain: {
          domainName: env.domain.domainName,
          certificateArn: `arn:aws:acm:${env.region}:111122223333:certificate/0f6a2c1e-8d1b-4c9e-9a51-3b2f7c4d5e6f`,
        },
      }
    : {}),
  ec2: { ...env.ec2, amiId: 'ami-0123456789abcdef0' },
}));

/** An EC2 environment (the compute with the longest generated names) named as long as validation allows. */
const LONGEST_NAME = {
  name: `e${'x'.repeat(MAX_ENVIRONMENT_NAME_LENGTH - 2)}9`,
  region: 'us-east-1',
  compute: 'ec2' as const,
  domain: { domainName: 'api.greeter.test', hostedZoneName: 'greeter.test' },
};

describe('Terraform itself, on every synthesized stack', () => {
  const env = terraformEnv();
  let stacksDir: string;

  beforeAll(() => {
    requireTerraform();
    stacksDir = synthAllToDisk([...PLANNABLE_OFFLINE, LONGEST_NAME], readGreeterArtifacts());
  });

  it.each(PLANNABLE_OFFLINE.map((e) => [stackName(e), e.compute] as const))(
    '%s: init, validate and an offline plan that creates the %s resources',
    (name, compute) => {
      // The stack as synthesized, its real backend included: init without the backend, then validate.
      const pristine = pristineCopy(join(stacksDir, name));
      terraform(pristine, ['init', '-backend=false', '-input=false', '-no-color'], env);
      expect(terraform(pristine, ['validate', '-no-color'], env)).toContain('The configuration is valid');

      // A copy with a local backend and mock credentials (override file only), to plan offline.
      const dir = offlineCopy(join(stacksDir, name));
      terraform(dir, ['init', '-input=false', '-no-color'], env);
      expect(terraform(dir, ['validate', '-no-color'], env)).toContain('The configuration is valid');
      // Offline, nothing can be read from AWS: the guard against replacing the other compute reads it (the rehearsal proves it).
      terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false', '-var', 'compute_guard=false', '-out=plan.bin'], env);
      const plan = JSON.parse(terraform(dir, ['show', '-json', 'plan.bin'], env));

      const created = new Set<string>(plan.resource_changes.filter((c: any) => c.change.actions.includes('create')).map((c: any) => c.type));
      expect([...created]).toEqual(expect.arrayContaining(EXPECTED_CREATES[compute]));
      const other = compute === 'lambda' ? EXPECTED_CREATES.ec2 : EXPECTED_CREATES.lambda;
      // Both computes have roles, buckets and log groups; the rest is one compute's own.
      const shared = (type: string) => type === 'aws_iam_role' || type === 'aws_cloudwatch_log_group' || type.startsWith('aws_s3');
      expect(other.filter((type) => created.has(type) && !shared(type))).toEqual([]);
    },
  );

  it(`accepts the longest environment name validation allows (${MAX_ENVIRONMENT_NAME_LENGTH} characters) in every generated name`, () => {
    const dir = offlineCopy(join(stacksDir, stackName(LONGEST_NAME)));

    terraform(dir, ['init', '-input=false', '-no-color'], env);
    expect(terraform(dir, ['validate', '-no-color'], env)).toContain('The configuration is valid');
  });

  it.each(['state-bucket', 'github-oidc'])('keeps the one-off %s configuration in terraform fmt', (bootstrap) => {
    expect(() => terraform(join(__dirname, '../bootstrap', bootstrap), ['fmt', '-check', '-diff', '-no-color'], env)).not.toThrow();
  });

  it.each(['state-bucket', 'github-oidc'])('validates the one-off %s configuration', (bootstrap) => {
    const dir = offlineCopy(join(__dirname, '../bootstrap', bootstrap));

    terraform(dir, ['init', '-backend=false', '-input=false', '-no-color'], env);
    expect(terraform(dir, ['validate', '-no-color'], env)).toContain('The configuration is valid');
  });

  it('plans the GitHub OIDC roles offline: each deploy role trusts only its GitHub environment of the repository, the plan role only pull requests', () => {
    const dir = offlineCopy(join(__dirname, '../bootstrap/github-oidc'));
    const vars = [
      '-var',
      'account_id=111122223333',
      '-var',
      'repository=acme/greeter',
      '-var',
      'environments={dev={region="us-east-1",state_bucket="acme-state-us"},prod={region="eu-west-1",state_bucket="acme-state-eu",state_key="prod/greeter.tfstate"}}',
    ];
    // With the account's existing OIDC provider, its ARN (and so each trust policy) is known at plan time.
    vars.push('-var', 'create_oidc_provider=false');

    terraform(dir, ['init', '-input=false', '-no-color'], env);
    terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false', '-out=plan.bin', ...vars], env);
    const plan = JSON.parse(terraform(dir, ['show', '-json', 'plan.bin'], env));
    const roles = plan.resource_changes.filter((c: any) => c.type === 'aws_iam_role').map((c: any) => c.change.after);
    // One trust statement each: a second would widen who may assume the role.
    expect(roles.map((role: any) => JSON.parse(role.assume_role_policy).Statement.length)).toEqual([1, 1, 1]);
    const subjects = Object.fromEntries(
      roles.map((role: any) => [role.name, JSON.parse(role.assume_role_policy).Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']]),
    );

    expect(roles.map((role: any) => JSON.parse(role.assume_role_policy).Statement[0].Principal.Federated)).toEqual(
      Array(3).fill('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'),
    );
    expect(subjects).toEqual({
      'greeter-github-plan': ['repo:acme/greeter:pull_request', 'repo:acme/greeter:ref:refs/heads/main'],
      'greeter-github-deploy-dev': 'repo:acme/greeter:environment:dev',
      'greeter-github-deploy-prod': 'repo:acme/greeter:environment:prod',
    });
    // Each deploy role writes its own environment's state object and lock, in its own bucket.
    const policies = plan.resource_changes.filter((c: any) => c.type === 'aws_iam_policy').map((c: any) => c.change.after);
    const stateOf = (name: string) =>
      [...JSON.parse(policies.find((p: any) => p.name === name).policy).Statement.find((st: any) => st.Sid === 'OwnStateAndItsLock').Resource].sort();
    expect(stateOf('greeter-github-deploy-prod-named')).toEqual([
      'arn:aws:s3:::acme-state-eu/prod/greeter.tfstate',
      'arn:aws:s3:::acme-state-eu/prod/greeter.tfstate.tflock',
    ]);
    expect(stateOf('greeter-github-deploy-dev-named')).toEqual([
      'arn:aws:s3:::acme-state-us/greeter/dev.tfstate',
      'arn:aws:s3:::acme-state-us/greeter/dev.tfstate.tflock',
    ]);
    // Each deploy role carries its own three policies, attached by the bootstrap.
    const attached = plan.resource_changes.filter((c: any) => c.type === 'aws_iam_role_policy_attachment').map((c: any) => c.change.after.role);
    expect(attached.sort()).toEqual([...Array(3).fill('greeter-github-deploy-dev'), ...Array(3).fill('greeter-github-deploy-prod')]);
  });

  it.each([
    ['one environment name starts with another', '{prod={region="us-east-1",state_bucket="s"},prod-eu={region="eu-west-1",state_bucket="s"}}'],
    ["an environment's permissions would cover the CI roles", '{github-ci={region="us-east-1",state_bucket="s"}}'],
  ])('refuses to plan the GitHub OIDC roles when %s', (_case, environments) => {
    const dir = offlineCopy(join(__dirname, '../bootstrap/github-oidc'));
    const vars = ['-var', 'account_id=111122223333', '-var', 'repository=acme/greeter', '-var', `environments=${environments}`];

    terraform(dir, ['init', '-input=false', '-no-color'], env);
    expect(() => terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false', ...vars], env)).toThrow(/No environment name may start with another's/);
  });
});

describe('without Terraform on PATH', () => {
  it('fails with a message that says how to get it', () => {
    expect(() => requireTerraform({ PATH: '/nonexistent' })).toThrow(TERRAFORM_MISSING);
    expect(TERRAFORM_MISSING).toMatch(/install Terraform 1\.10 or newer/);
  });
});
