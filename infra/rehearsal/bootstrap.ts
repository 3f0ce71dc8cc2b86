import { GetPolicyCommand, GetRoleCommand, type IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import type { Environment } from '@greeter/environment-config';
import { join } from 'node:path';
import { permissionsBoundaryName } from '../src/greeter-stack';
import type { EmulatorClients } from './aws-clients';
import type { Check } from './checks';
import type { StateResource } from './resource-probes';
import type { StackWorkspace } from './stack-workspace';

/** The emulator's account: the stacks read it from STS, and the bootstrap names it. */
const EMULATOR_ACCOUNT = '123456789012';
const BOOTSTRAP = join(__dirname, '../bootstrap/github-oidc');

/**
 * Applies infra/bootstrap/github-oidc on the emulator, as a user does once per account before the first
 * deploy: the OIDC provider, the plan role, and each environment's deploy role and permissions boundary,
 * which every role the stacks create then names. moto checks the policies' syntax, not what they allow.
 */
export async function applyBootstrap(
  workspace: StackWorkspace,
  iam: IAMClient,
  environments: Environment[],
  zoneIds: Record<string, string>,
  check: Check,
): Promise<void> {
  const declared = environments.map(
    (env) =>
      `${env.name}={region="${env.region}",state_bucket="${env.state?.bucket ?? `greeter-tfstate-${env.name}`}",hosted_zone_ids=[${zoneIds[env.name] ? `"${zoneIds[env.name]}"` : ''}]}`,
  );
  workspace.load(BOOTSTRAP);
  const vars = ['-var', `account_id=${EMULATOR_ACCOUNT}`, '-var', 'repository=acme/greeter', '-var', `environments={${declared.join(',')}}`];
  await workspace.terraform(['apply', '-auto-approve', '-input=false', '-no-color', ...vars]);
  const outputs = await workspace.outputs();
  const boundaries = outputs['boundary_policy_arns'] as unknown as Record<string, string>;
  check(
    `the github-oidc bootstrap applies: a deploy role and a permissions boundary for each of ${environments.map((e) => e.name).join(', ')}`,
    environments.every((env) => boundaries?.[env.name]?.endsWith(`:policy/${permissionsBoundaryName(env)}`)),
    JSON.stringify(outputs),
  );
  for (const env of environments) await checkDeployRolePolicies(iam, env.name, check);
}

/** A deploy role holds its three managed policies (deploy-policy-*.tf) and nothing inline. */
async function checkDeployRolePolicies(iam: IAMClient, env: string, check: Check): Promise<void> {
  const role = `greeter-github-deploy-${env}`;
  const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies ?? [];
  const inline = (await iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames ?? [];
  const names = attached.map((policy) => policy.PolicyName).sort();
  const expected = ['guardrails', 'named', 'tagged'].map((part) => `${role}-${part}`);
  check(
    `${role} holds its three managed policies and no inline one`,
    JSON.stringify(names) === JSON.stringify(expected) && inline.length === 0,
    `attached: ${names.join(', ')}; inline: ${inline.join(', ')}`,
  );
}

/** Every role the stack created carries the environment's boundary, and that boundary is a policy the account has. */
export async function checkRolesBounded(aws: EmulatorClients, env: Environment, state: StateResource[], check: Check): Promise<void> {
  const roles = state.filter((r) => r.type === 'aws_iam_role').map((r) => r.values['name'] as string);
  const boundaries = await Promise.all(
    roles.map(async (name) => (await aws.iam.send(new GetRoleCommand({ RoleName: name }))).Role?.PermissionsBoundary?.PermissionsBoundaryArn),
  );
  const expected = `arn:aws:iam::${EMULATOR_ACCOUNT}:policy/${permissionsBoundaryName(env)}`;
  const exists = await aws.iam.send(new GetPolicyCommand({ PolicyArn: expected })).then(
    () => true,
    () => false,
  );
  const unbounded = roles.filter((_, i) => boundaries[i] !== expected);
  check(
    `all ${roles.length} roles carry the permissions boundary the bootstrap created (${permissionsBoundaryName(env)})`,
    roles.length > 0 && exists && unbounded.length === 0,
    `boundary policy ${exists ? 'exists' : 'missing'}; without it: ${unbounded.join(', ')}`,
  );
}
