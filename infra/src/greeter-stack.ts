import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import type { Environment } from '@greeter/environment-config';
import { join, relative, resolve } from 'node:path';
import { App, LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { GreeterArtifacts } from './artifacts';
import { type ComputeContext, type ComputeParts, standardTags, tagCompute } from './compute/compute-context';
import { ec2Compute, HEALTH_CHECK_PATH } from './compute/ec2-compute';
import { lambdaCompute } from './compute/lambda-compute';
import { otherComputeGuard } from './compute/other-compute-guard';
import { liveCompute, STEADY, type StackShape } from './compute/stack-shape';
import { AlarmsAndDashboard } from './constructs/alarms-and-dashboard';
import { DomainCertificate } from './constructs/domain-certificate';
import { LambdaAlbTarget } from './constructs/lambda-alb-target';

export { standardTags } from './compute/compute-context';
export { HEALTH_CHECK_PATH, SERVER_ARTIFACT_KEY, SERVER_ARTIFACT_VERSIONS_KEPT } from './compute/ec2-compute';
export { LAMBDA_RUNTIME } from './compute/lambda-compute';

export interface GreeterStackProps {
  environment: Environment;
  artifacts: GreeterArtifacts;
  /** Where an environment without a state bucket keeps its state file (absolute; the backend gets it relative to the stack's folder). */
  localStateDir: string;
  /** One compute (what `cdktf deploy` builds), or both while `npm run switch` moves traffic (compute/stack-shape.ts). */
  shape?: StackShape;
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

/** One environment: provider, backend and tags, then the constructs for the compute it chose, or both during a switch (compute/). */
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

    const shape = props.shape ?? STEADY;
    const context: ComputeContext = {
      stack: this,
      name,
      env,
      artifacts,
      permissionsBoundaryArn: `arn:aws:iam::${account}:policy/${permissionsBoundaryName(env)}`,
      certificate: env.domain ? new DomainCertificate(this, 'domain-certificate', env.domain) : undefined,
    };
    const { url, front, computes, live } = shape.kind === 'bridge' ? this.bridge(context, shape) : this.steady(context);
    const ops = this.operations(name, env, {
      alarms: computes.flatMap((c) => c.signals.alarms),
      // The load balancer's count while both run: it sees every request.
      requests: computes[computes.length - 1]!.signals.requests,
    });
    for (const compute of computes) compute.withAlarms(ops.alarms);
    if (front) context.certificate?.aliasTo(front);
    new TerraformOutput(this, 'url', { value: env.domain ? `https://${env.domain.domainName}/` : url, description: 'The public URL of the greeter API' });
    new TerraformOutput(this, 'compute', { value: live, description: 'Where this environment runs the API: lambda or ec2' });
    if (shape.kind === 'bridge') {
      new TerraformOutput(this, 'compute_switch', {
        value: JSON.stringify({ from: shape.from, to: shape.to, front: shape.front, weights: shape.weights }),
        description: 'A switch between computes in progress (npm run switch): both run behind the load balancer',
      });
    }
  }

  /** The compute the environment names, guarded against a plain deploy replacing the other one. */
  private steady(context: ComputeContext) {
    const { env } = context;
    otherComputeGuard(this, context.name, env);
    const compute: ComputeParts = env.compute === 'lambda' ? lambdaCompute(context) : ec2Compute(context);
    return { url: compute.url, front: compute.front, computes: [compute], live: env.compute };
  }

  /** Both computes: the function also behind the load balancer, which splits requests by weight; the domain on the front named. */
  private bridge(context: ComputeContext, shape: Extract<StackShape, { kind: 'bridge' }>) {
    const lambda = lambdaCompute(context);
    const lambdaTargets = new LambdaAlbTarget(this, 'lambda-alb-target', {
      functionName: lambda.api.functionName,
      alias: lambda.api.liveAliasTarget,
      healthCheckPath: HEALTH_CHECK_PATH,
    });
    tagCompute('lambda', lambdaTargets);
    const ec2 = ec2Compute(context, { targetGroupArn: lambdaTargets.targetGroupArn, percent: shape.weights.lambda });
    const onApi = shape.front === 'api';
    return { url: onApi ? lambda.url : ec2.url, front: onApi ? lambda.front : ec2.front, computes: [lambda, ec2], live: liveCompute(shape) };
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
  private operations(name: string, env: Environment, signals: ComputeParts['signals']): AlarmsAndDashboard {
    const ops = new AlarmsAndDashboard(this, 'operations', { name, region: env.region, ...signals, notifyEmails: env.alarms.notifyEmails });
    new TerraformOutput(this, 'dashboard_url', { value: ops.dashboardUrl, description: 'The CloudWatch dashboard of the golden signals' });
    new TerraformOutput(this, 'alarm_topic_arn', { value: ops.topicArn, description: 'The SNS topic every alarm notifies, on ALARM and on OK' });
    return ops;
  }
}
