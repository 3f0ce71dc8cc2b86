import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import type { Environment } from '@greeter/environment-config';
import { join, relative, resolve } from 'node:path';
import { App, AssetType, LocalBackend, S3Backend, TerraformAsset, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { GreeterArtifacts } from './artifacts';
import { AlarmsAndDashboard } from './constructs/alarms-and-dashboard';
import { DomainCertificate } from './constructs/domain-certificate';
import { InstanceRefreshRollout } from './constructs/instance-refresh-rollout';
import { LambdaHttpApi, LIVE_ALIAS } from './constructs/lambda-http-api';
import { LambdaProgressiveDelivery } from './constructs/lambda-progressive-delivery';
import { ALB_IDLE_TIMEOUT_SECONDS, LoadBalancedInstances } from './constructs/load-balanced-instances';
import { PrivateBucket } from './constructs/private-bucket';
import { VpcNetwork } from './constructs/vpc-network';
import { greeterUserDataBase64ForTerraform } from './ec2/user-data';
import type { AlarmSpec, RequestRateMetric } from './operations/alarm-spec';
import { ec2GoldenSignals, lambdaGoldenSignals } from './operations/golden-signals';
import { policyDocument } from './secure-defaults';

export interface GreeterStackProps {
  environment: Environment;
  artifacts: GreeterArtifacts;
  /** Where an environment without a state bucket keeps its state file (absolute; the backend gets it relative to the stack's folder). */
  localStateDir: string;
}

/** S3-native state locking (`use_lockfile`) needs Terraform 1.10. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10';

export const LAMBDA_RUNTIME = 'nodejs22.x';
/** The server bundle's key in the artifact bucket; each build is a new version of it. */
export const SERVER_ARTIFACT_KEY = 'greeter/server.mjs';
/** Builds kept readable besides the current one, for rollbacks; older versions expire. */
export const SERVER_ARTIFACT_VERSIONS_KEPT = 10;
export const HEALTH_CHECK_PATH = '/health';

/** The tags every resource carries: the environment's own, then the platform's, which win. */
export const standardTags = (env: Environment): Record<string, string> => ({
  ...env.tags,
  app: 'greeter',
  environment: env.name,
  compute: env.compute,
  'managed-by': 'cdktf',
});

/**
 * The newest Amazon Linux 2023 AMI for the architecture, read from AWS's
 * public SSM parameter when Terraform plans: a new AMI is a launch template
 * change in the plan, and the id is what an instance refresh rolls back to.
 */
function newestAmazonLinux(scope: Construct, architecture: Environment['ec2']['architecture']): string {
  const parameter = new DataAwsSsmParameter(scope, 'amazon-linux-ami', {
    name: `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`,
  });
  // A public AMI id, not a secret: `value` would hide it in every plan.
  return parameter.insecureValue;
}

/**
 * The permissions boundary every role of the environment carries, a managed policy that
 * infra/bootstrap/github-oidc creates (boundary.tf): the deploy roles may create roles only with it.
 */
export const permissionsBoundaryName = (environment: Pick<Environment, 'name'>): string => `greeter-${environment.name}-boundary`;

/** `greeter-<env>`: the stack's name, as `cdktf deploy` takes it. */
export const stackName = (environment: Pick<Environment, 'name'>): string => `greeter-${environment.name}`;

/** One environment: provider, backend and tags, then the constructs for the compute it chose. */
export class GreeterStack extends TerraformStack {
  private readonly permissionsBoundaryArn: string;

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
    this.permissionsBoundaryArn = `arn:aws:iam::${account}:policy/${permissionsBoundaryName(env)}`;
    if (env.state) {
      const backend = new S3Backend(this, { bucket: env.state.bucket, key: env.state.key, region: env.state.region, encrypt: true });
      // S3-native state locking (Terraform 1.10+); CDKTF 0.21 predates the setting.
      backend.addOverride('use_lockfile', true);
    } else {
      // Relative, so the synthesized stack names no path of this machine; outside cdktf.out, which cdktf rewrites.
      const stackDir = resolve(App.of(this).outdir, 'stacks', name);
      new LocalBackend(this, { path: relative(stackDir, join(props.localStateDir, `${name}.tfstate`)) });
    }

    const url = env.compute === 'lambda' ? this.lambdaCompute(name, env, artifacts) : this.ec2Compute(name, env, artifacts);
    new TerraformOutput(this, 'url', { value: url, description: 'The public URL of the greeter API' });
    new TerraformOutput(this, 'compute', { value: env.compute, description: 'Where this environment runs the API: lambda or ec2' });
  }

  /** The golden-signal alarms, their topic and the dashboard; outputs the dashboard's URL and the topic. */
  private operations(name: string, env: Environment, signals: { alarms: AlarmSpec[]; requests: RequestRateMetric }): AlarmsAndDashboard {
    const ops = new AlarmsAndDashboard(this, 'operations', { name, region: env.region, ...signals, notifyEmails: env.alarms.notifyEmails });
    new TerraformOutput(this, 'dashboard_url', { value: ops.dashboardUrl, description: 'The CloudWatch dashboard of the golden signals' });
    new TerraformOutput(this, 'alarm_topic_arn', { value: ops.topicArn, description: 'The SNS topic every alarm notifies, on ALARM and on OK' });
    return ops;
  }

  private lambdaCompute(name: string, env: Environment, artifacts: GreeterArtifacts): string {
    const certificate = env.domain ? new DomainCertificate(this, 'domain-certificate', env.domain) : undefined;
    const api = new LambdaHttpApi(this, 'lambda-http-api', {
      name,
      permissionsBoundaryArn: this.permissionsBoundaryArn,
      artifactZipPath: artifacts.lambdaZip.path,
      artifactSha256Base64: artifacts.lambdaZip.sha256Base64,
      handler: 'index.handler',
      runtime: LAMBDA_RUNTIME,
      architecture: env.lambda.architecture,
      memoryMb: env.lambda.memoryMb,
      timeoutSeconds: env.lambda.timeoutSeconds,
      reservedConcurrency: env.lambda.reservedConcurrency,
      provisionedConcurrency: env.lambda.provisionedConcurrency,
      logRetentionDays: env.logRetentionDays,
      throttle: env.lambda.throttle,
      domain: env.domain && certificate ? { domainName: env.domain.domainName, certificateArn: certificate.certificateArn } : undefined,
    });
    if (certificate && api.domainTarget) certificate.aliasTo(api.domainTarget);
    new TerraformOutput(this, 'lambda_function_arn', { value: api.lambdaFunctionArn });
    const ops = this.operations(
      name,
      env,
      lambdaGoldenSignals({
        functionName: api.functionName,
        apiId: api.apiId,
        timeoutSeconds: env.lambda.timeoutSeconds,
        reservedConcurrency: env.lambda.reservedConcurrency,
        alarms: env.alarms,
      }),
    );
    const delivery = new LambdaProgressiveDelivery(this, 'progressive-delivery', {
      name,
      permissionsBoundaryArn: this.permissionsBoundaryArn,
      region: env.region,
      functionName: api.functionName,
      functionArn: api.lambdaFunctionArn,
      alias: LIVE_ALIAS,
      aliasResources: api.aliasResources,
      publishedVersion: api.publishedVersion,
      strategy: env.lambda.deploymentStrategy,
      rollbackAlarms: ops.alarms,
    });
    new TerraformOutput(this, 'codedeploy_deployment_group', {
      value: `${delivery.applicationName}/${delivery.deploymentGroupName}`,
      description: 'The CodeDeploy application and deployment group that move the live alias (aws deploy list-deployments)',
    });
    return api.url;
  }

  private ec2Compute(name: string, env: Environment, artifacts: GreeterArtifacts): string {
    const { ec2 } = env;
    const artifactBucket = new PrivateBucket(this, 'artifact-bucket', {
      namePrefix: `${name}-artifacts-`,
      enableVersioning: true,
      noncurrentVersions: { days: 1, keep: SERVER_ARTIFACT_VERSIONS_KEPT },
      emptyOnDestroy: ec2.emptyBucketsOnDestroy,
    });
    const serverFile = new TerraformAsset(this, 'server-bundle', { path: artifacts.serverBundle.path, type: AssetType.FILE });
    // One key, a new object version per build: the previous versions stay readable, so an
    // earlier launch template (a rollback) still boots. The user data names the version,
    // so a new build gives a new launch template version and an instance refresh.
    const artifactObject = new S3Object(this, 'server-artifact', {
      bucket: artifactBucket.bucketId,
      key: SERVER_ARTIFACT_KEY,
      source: serverFile.path,
      sourceHash: artifacts.serverBundle.sha256Hex,
      contentType: 'text/javascript',
      dependsOn: artifactBucket.configuration,
    });

    const certificate = env.domain ? new DomainCertificate(this, 'domain-certificate', env.domain) : undefined;
    const network = new VpcNetwork(this, 'network', {
      name,
      permissionsBoundaryArn: this.permissionsBoundaryArn,
      region: env.region,
      availabilityZones: ec2.availabilityZones,
      createNatGateway: ec2.createNatGateway,
      // CloudWatch Logs for the app's logs; SSM's three for Session Manager.
      interfaceEndpoints: ['logs', ...(ec2.createSsmEndpoints ? ['ssm', 'ssmmessages', 'ec2messages'] : [])],
      flowLogRetentionDays: env.logRetentionDays,
      s3EndpointPolicy: policyDocument([
        { Sid: 'GreeterArtifact', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `${artifactBucket.bucketArn}/*` },
        { Sid: 'AmazonLinuxRepositories', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::al2023-repos-${env.region}-*/*` },
      ]),
    });

    const appLogs = new CloudwatchLogGroup(this, 'app-logs', { name: `/greeter/${env.name}/app`, retentionInDays: env.logRetentionDays });
    const userDataBase64 = greeterUserDataBase64ForTerraform({
      logGroup: appLogs.name,
      artifactBucket: artifactBucket.bucketName,
      artifactKey: SERVER_ARTIFACT_KEY,
      artifactVersionId: artifactObject.versionId,
      artifactSha256Hex: artifacts.serverBundle.sha256Hex,
      appPort: ec2.appPort,
      shutdownTimeoutMs: ec2.shutdownTimeoutSeconds * 1000,
      shutdownDrainMs: ec2.shutdownDrainSeconds * 1000,
      keepAliveTimeoutMs: (ALB_IDLE_TIMEOUT_SECONDS + 5) * 1000,
    });

    const service = new LoadBalancedInstances(this, 'service', {
      name,
      permissionsBoundaryArn: this.permissionsBoundaryArn,
      region: env.region,
      vpcId: network.vpcId,
      vpcCidrBlock: network.vpcCidrBlock,
      publicSubnetIds: network.publicSubnetIds,
      privateSubnetIds: network.privateSubnetIds,
      s3PrefixListId: network.s3PrefixListId,
      imageId: ec2.amiId ?? newestAmazonLinux(this, ec2.architecture),
      instanceType: ec2.instanceType,
      rootVolumeGb: ec2.rootVolumeGb,
      userDataBase64,
      readableObjectArns: [`${artifactBucket.bucketArn}/${SERVER_ARTIFACT_KEY}`],
      appLogGroupArn: appLogs.arn,
      appPort: ec2.appPort,
      healthCheckPath: HEALTH_CHECK_PATH,
      minInstances: ec2.minInstances,
      desiredInstances: ec2.desiredInstances,
      maxInstances: ec2.maxInstances,
      healthCheckGracePeriodSeconds: ec2.healthCheckGracePeriodSeconds,
      deregistrationDelaySeconds: ec2.deregistrationDelaySeconds,
      healthCheckIntervalSeconds: ec2.healthCheckIntervalSeconds,
      healthCheckUnhealthyThreshold: ec2.healthCheckUnhealthyThreshold,
      scaling: ec2.scaling,
      certificateArn: certificate?.certificateArn,
      enableDeletionProtection: ec2.enableDeletionProtection,
      accessLogRetentionDays: ec2.accessLogRetentionDays,
      allowHttpsEgressToVpc: true,
      allowHttpsEgressToInternet: ec2.createNatGateway,
      instanceTags: standardTags(env),
      emptyBucketsOnDestroy: ec2.emptyBucketsOnDestroy,
      webAcl: ec2.waf.enabled
        ? { rateLimitPerFiveMinutes: ec2.waf.rateLimitPerFiveMinutes, countOnly: ec2.waf.countOnly, logRetentionDays: env.logRetentionDays }
        : undefined,
      // Who fetched which build, and when.
      serverAccessLogsOf: [artifactBucket],
      // No instance may boot before its artifact is there to fetch.
      launchAfter: [artifactObject],
    });
    if (certificate) certificate.aliasTo({ dnsName: service.albDnsName, zoneId: service.albZoneId });

    new TerraformOutput(this, 'alb_dns_name', { value: service.albDnsName });
    new TerraformOutput(this, 'autoscaling_group_name', {
      value: service.group.name,
      description: 'The Auto Scaling group; a deploy that changes the launch template starts its instance refresh',
    });
    const signals = ec2GoldenSignals({
      albArnSuffix: service.albArnSuffix,
      targetGroupArnSuffix: service.targetGroupArnSuffix,
      groupName: service.group.name,
      minInstances: ec2.minInstances,
      alarms: env.alarms,
    });
    const ops = this.operations(name, env, signals);
    new InstanceRefreshRollout(this, 'rollout', {
      region: env.region,
      group: service.group,
      launchTemplate: service.launchTemplate,
      warmupSeconds: ec2.healthCheckGracePeriodSeconds,
      checkpointDelaySeconds: ec2.refreshCheckpointDelaySeconds,
      rollbackAlarms: ops.alarms,
    });
    return env.domain ? `https://${env.domain.domainName}/` : service.url;
  }
}
