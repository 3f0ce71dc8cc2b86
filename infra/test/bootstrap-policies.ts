import { join } from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { offlineCopy, terraform, terraformEnv } from '../rehearsal/terraform-cli';

/** The account and region the rendered bootstrap shares between dev and prod: the case where only policy keeps them apart. */
export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const ZONES = { dev: 'Z0DEVZONE0000000000', prod: 'Z0PRODZONE000000000' } as const;
export const REPOSITORY = 'acme/greeter';

export interface BootstrapPolicies {
  /** Each role's trust policy, by role name. */
  trust: Record<string, any>;
  /** Each role's inline policy, by policy name (plan-greeter-stacks). */
  inline: Record<string, any>;
  /** Each managed policy, by name (greeter-<env>-boundary, greeter-github-deploy-<env>-<part>). */
  managed: Record<string, any>;
  /** Each deploy role's managed policies, by environment, in the order of their names. */
  deploy: Record<string, any[]>;
}

/** Renders infra/bootstrap/github-oidc with `terraform plan` and mock credentials: the policies as AWS would receive them. */
export function renderBootstrapPolicies(): BootstrapPolicies {
  const dir = offlineCopy(join(__dirname, '../bootstrap/github-oidc'));
  const env = terraformEnv();
  const environments = `{dev={region="${REGION}",state_bucket="acme-state",hosted_zone_ids=["${ZONES.dev}"]},prod={region="${REGION}",state_bucket="acme-state",hosted_zone_ids=["${ZONES.prod}"]}}`;
  const vars = [
    '-var',
    `account_id=${ACCOUNT}`,
    '-var',
    `repository=${REPOSITORY}`,
    '-var',
    `environments=${environments}`,
    '-var',
    'create_oidc_provider=false',
  ];
  terraform(dir, ['init', '-input=false', '-no-color'], env);
  terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false', '-out=plan.bin', ...vars], env);
  const changes: Array<{ type: string; change: { after: any } }> = JSON.parse(terraform(dir, ['show', '-json', 'plan.bin'], env)).resource_changes;
  const byName = (type: string, document: string) =>
    Object.fromEntries(changes.filter((c) => c.type === type).map((c) => [c.change.after.name, JSON.parse(c.change.after[document])]));
  const managed = byName('aws_iam_policy', 'policy');
  const deployOf = (env: string) =>
    Object.keys(managed)
      .filter((name) => name.startsWith(`greeter-github-deploy-${env}-`))
      .sort()
      .map((name) => managed[name]);
  return {
    trust: byName('aws_iam_role', 'assume_role_policy'),
    inline: byName('aws_iam_role_policy', 'policy'),
    managed,
    deploy: Object.fromEntries(Object.keys(ZONES).map((env) => [env, deployOf(env)])),
  };
}

export interface IamRequest {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

/** AWS's decision on one request by a role with `policies`, under `boundary` if given: Allowed, ImplicitlyDenied or ExplicitlyDenied. */
export async function decide(policies: any[], request: IamRequest, boundary?: any): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:role/greeter-github-deploy-dev`,
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: { 'aws:RequestedRegion': REGION, ...request.context },
      },
      identityPolicies: policies.map((policy, i) => ({ name: `policy-${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(boundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: boundary }] } : {}),
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`the simulator refused ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`expected one resource, got a pattern: ${request.resource}`);
  const ignored = result.result.ignoredContextKeys ?? [];
  // A key the action does not take is silently dropped: a request that names one tests nothing.
  if (ignored.length > 0) throw new Error(`${request.action} takes no ${ignored.join(', ')}: the request would test nothing`);
  return result.overallResult;
}
