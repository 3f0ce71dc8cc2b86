import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import type { Environment } from '@greeter/environment-config';
import { join, relative, resolve } from 'node:path';
import { App, LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { GreeterArtifacts } from './artifacts';
import { type ComputeContext, standardTags } from './compute/compute-context';
import { ec2Compute } from './compute/ec2-compute';
import { lambdaCompute } from './compute/lambda-compute';
import { AlarmsAndDashboard } from './constructs/alarms-and-dashboard';

export { standardTags } from './compute/compute-context';
export { HEALTH_CHECK_PATH, SERVER_ARTIFACT_KEY, SERVER_ARTIFACT_VERSIONS_KEPT } from './compute/ec2-compute';
export { LAMBDA_RUNTIME } from './compute/lambda-compute';

export interface GreeterStackProps {
  environment: Environment;
  artifacts: GreeterArtifacts;
  /** Where an environment without a state bucket keeps its state file (absolute; the backend gets it relative to the stack's folder). */
  localStateDir: string;
}

/** S3-native state locking (`use_lockfile`) needs Terraform 1.10. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10';

/**
 * The permissions boundary every role of the environment carries, a managed policy that
 * infra/bootstrap/github-oidc creates (boundary.tf): the deploy roles may create roles only with it.
 */
export const permissionsBoundaryName = (environment: Pick<Environment, 'name'>): string => `greeter-${environment.name}-boundary`;

/** `greeter-<env>`: the stack's name, as `cdktf deploy` takes it. */
export const stackName = (environment: Pick<Environment, 'name'>): string => `greeter-${environment.name}`;

/** One environment: provider, backend and tags, then the constructs for the compute it chose (compute/). */
export class GreeterStack extends TerraformStack {
  constructor(scope: Construct, props: GreeterStackProps) {
    super(scope, stackName(props.environment));
    const { environment: env, artifacts } = props;
    const name = this.node.id;
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
    new AwsProvider(this, 'aws', {
      region: env.region,
      // With the environment's account named, credentials of any other account fail before anything changes.
      ...(env.accountId ? { allowedAccountIds: [env.accountId] } : {}),
      defaultTags: [{ tags: standardTags(env) }],
    });
    const account = env.accountId ?? new DataAwsCallerIdentity(this, 'account').accountId;
    this.backend(env, props.localStateDir);

    const context: ComputeContext = {
      stack: this,
      name,
      env,
      artifacts,
      permissionsBoundaryArn: `arn:aws:iam::${account}:policy/${permissionsBoundaryName(env)}`,
      operations: (signals) => this.operations(name, env, signals),
    };
    const url = env.compute === 'lambda' ? lambdaCompute(context) : ec2Compute(context);
    new TerraformOutput(this, 'url', { value: url, description: 'The public URL of the greeter API' });
    new TerraformOutput(this, 'compute', { value: env.compute, description: 'Where this environment runs the API: lambda or ec2' });
  }

  /** State in the environment's S3 bucket, locked there; without one, a local file outside cdktf.out. */
  private backend(env: Environment, localStateDir: string): void {
    if (env.state) {
      const backend = new S3Backend(this, { bucket: env.state.bucket, key: env.state.key, region: env.state.region, encrypt: true });
      // S3-native state locking (Terraform 1.10+); CDKTF 0.21 predates the setting.
      backend.addOverride('use_lockfile', true);
      return;
    }
    // Relative, so the synthesized stack names no path of this machine; outside cdktf.out, which cdktf rewrites.
    const stackDir = resolve(App.of(this).outdir, 'stacks', this.node.id);
    new LocalBackend(this, { path: relative(stackDir, join(localStateDir, `${this.node.id}.tfstate`)) });
  }

  /** The golden-signal alarms, their topic and the dashboard; outputs the dashboard's URL and the topic. */
  private operations(name: string, env: Environment, signals: Parameters<ComputeContext['operations']>[0]): AlarmsAndDashboard {
    const ops = new AlarmsAndDashboard(this, 'operations', { name, region: env.region, ...signals, notifyEmails: env.alarms.notifyEmails });
    new TerraformOutput(this, 'dashboard_url', { value: ops.dashboardUrl, description: 'The CloudWatch dashboard of the golden signals' });
    new TerraformOutput(this, 'alarm_topic_arn', { value: ops.topicArn, description: 'The SNS topic every alarm notifies, on ALARM and on OK' });
    return ops;
  }
}
