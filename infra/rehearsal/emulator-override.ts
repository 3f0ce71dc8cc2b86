import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The services our stacks use, each sent to the emulator. */
const SERVICES = [
  'acm',
  'apigateway',
  'apigatewayv2',
  'autoscaling',
  'cloudwatch',
  'cloudwatchlogs',
  'codedeploy',
  'ec2',
  'elbv2',
  'iam',
  'lambda',
  'route53',
  's3',
  'sns',
  'ssm',
  'sts',
  'wafv2',
  'xray',
];

export const OVERRIDE_FILE = 'rehearsal_override.tf.json';

/**
 * moto evaluates a bucket policy's conditions without request context, so a
 * statement that denies `aws:SecureTransport = false` denies every request,
 * TLS or not. The rehearsal's copy drops that one statement (and only it);
 * the stack users deploy keeps it. Listed in EMULATOR_GAPS.
 */
function bucketPoliciesWithoutTlsDeny(stack: any): Record<string, { policy: string }> {
  const policies: Record<string, { policy: string }> = {};
  for (const [id, resource] of Object.entries<any>(stack.resource?.aws_s3_bucket_policy ?? {})) {
    const policy = JSON.parse(resource.policy);
    policy.Statement = policy.Statement.filter((statement: any) => !JSON.stringify(statement.Condition ?? {}).includes('aws:SecureTransport'));
    policies[id] = { policy: JSON.stringify(policy) };
  }
  return policies;
}

/** The key the rehearsal's own reads sign with, and the bootstrap's (an administrator's, applied once per account). */
export const REHEARSAL_KEY = 'rehearsal';
export const BOOTSTRAP_KEY = 'bootstrap';

/**
 * The key an environment's deploys sign with on the emulator (which checks no signature): the
 * emulator counts calls by key, so a deploy's calls can be held to what its deploy role may do.
 */
export const deployKey = (environment: string): string => `deploy-${environment}`;

/**
 * Writes, beside a copy of a synthesized stack, the override that points it at
 * the emulator: a local state file in the copy, mock credentials, every
 * service's endpoint. The access key id says who signs its calls (see deployKey). Terraform merges override files over the stack, which
 * itself stays exactly as synthesized.
 */
export function writeEmulatorOverride(stackCopyDir: string, endpoint: string, accessKey = REHEARSAL_KEY): void {
  // A synthesized stack is JSON; a bootstrap root (plain HCL) has no bucket policies to adjust.
  const synthesized = join(stackCopyDir, 'cdk.tf.json');
  const stack = existsSync(synthesized) ? JSON.parse(readFileSync(synthesized, 'utf8')) : {};
  const policies = bucketPoliciesWithoutTlsDeny(stack);
  const override = {
    terraform: { backend: { local: { path: 'rehearsal.tfstate' } } },
    provider: {
      aws: [
        {
          access_key: accessKey,
          secret_key: 'rehearsal',
          skip_credentials_validation: true,
          // The provider builds some ARNs from the account id (CodeDeploy's, to read their tags): it asks the emulator's STS.
          skip_requesting_account_id: false,
          skip_metadata_api_check: true,
          s3_use_path_style: true,
          endpoints: [Object.fromEntries(SERVICES.map((service) => [service, endpoint]))],
        },
      ],
    },
    ...(Object.keys(policies).length > 0 ? { resource: { aws_s3_bucket_policy: policies } } : {}),
  };
  writeFileSync(join(stackCopyDir, OVERRIDE_FILE), JSON.stringify(override, null, 2));
}

/**
 * The environment Terraform runs in on the rehearsal, for what the stack runs
 * itself (the deployment hook's AWS SDK, on either compute): the emulator's endpoint, mock
 * credentials, and the hook polling every second instead of every 15.
 */
export function emulatorProcessEnv(endpoint: string, accessKey = REHEARSAL_KEY): NodeJS.ProcessEnv {
  return { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: accessKey, AWS_SECRET_ACCESS_KEY: 'rehearsal', GREETER_DEPLOY_POLL_SECONDS: '1' };
}
