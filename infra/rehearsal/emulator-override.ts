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

/**
 * Writes, beside a copy of a synthesized stack, the override that points it at
 * the emulator: a local state file in the copy, mock credentials, every
 * service's endpoint. Terraform merges override files over the stack, which
 * itself stays exactly as synthesized.
 */
export function writeEmulatorOverride(stackCopyDir: string, endpoint: string): void {
  // A synthesized stack is JSON; a bootstrap root (plain HCL) has no bucket policies to adjust.
  const synthesized = join(stackCopyDir, 'cdk.tf.json');
  const stack = existsSync(synthesized) ? JSON.parse(readFileSync(synthesized, 'utf8')) : {};
  const policies = bucketPoliciesWithoutTlsDeny(stack);
  const override = {
    terraform: { backend: { local: { path: 'rehearsal.tfstate' } } },
    provider: {
      aws: [
        {
          access_key: 'rehearsal',
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
export function emulatorProcessEnv(endpoint: string): NodeJS.ProcessEnv {
  return { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'rehearsal', AWS_SECRET_ACCESS_KEY: 'rehearsal', GREETER_DEPLOY_POLL_SECONDS: '1' };
}
