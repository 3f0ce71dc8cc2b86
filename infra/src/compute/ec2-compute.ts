import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { HEALTH_CHECK_TIMEOUT_SECONDS, type Environment } from '@greeter/environment-config';
import { AssetType, TerraformAsset, TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { InstanceRefreshRollout } from '../constructs/instance-refresh-rollout';
import { ALB_IDLE_TIMEOUT_SECONDS, LoadBalancedInstances, type LoadBalancerEdge } from '../constructs/load-balanced-instances';
import { PrivateBucket } from '../constructs/private-bucket';
import { VpcNetwork } from '../constructs/vpc-network';
import { greeterUserDataBase64ForTerraform } from '../ec2/user-data';
import { ec2GoldenSignals } from '../operations/golden-signals';
import { policyDocument } from '../secure-defaults';
import { type ComputeContext, type ComputeParts, standardTags, tagCompute } from './compute-context';

/** The server bundle's key in the artifact bucket; each build is a new version of it. */
export const SERVER_ARTIFACT_KEY = 'greeter/server.mjs';
/** Builds kept readable besides the current one, for rollbacks; older versions expire. */
export const SERVER_ARTIFACT_VERSIONS_KEPT = 10;
export const HEALTH_CHECK_PATH = '/health';

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
 * One key, a new object version per build: the previous versions stay readable, so an earlier
 * launch template (a rollback) still boots. The user data names the version, so a new build gives
 * a new launch template version and an instance refresh.
 */
function serverArtifact({ stack, name, env, artifacts }: ComputeContext) {
  const bucket = new PrivateBucket(stack, 'artifact-bucket', {
    namePrefix: `${name}-artifacts-`,
    enableVersioning: true,
    noncurrentVersions: { days: 1, keep: SERVER_ARTIFACT_VERSIONS_KEPT },
    emptyOnDestroy: env.ec2.emptyBucketsOnDestroy,
  });
  const file = new TerraformAsset(stack, 'server-bundle', { path: artifacts.serverBundle.path, type: AssetType.FILE });
  const object = new S3Object(stack, 'server-artifact', {
    bucket: bucket.bucketId,
    key: SERVER_ARTIFACT_KEY,
    source: file.path,
    sourceHash: artifacts.serverBundle.sha256Hex,
    contentType: 'text/javascript',
    dependsOn: bucket.configuration,
  });
  return { bucket, object };
}

/** The VPC: private subnets reach S3 (the artifact, Amazon Linux's repositories) and the interface endpoints, nothing else unless a NAT is asked for. */
function network({ stack, name, env, permissionsBoundaryArn }: ComputeContext, artifactBucket: PrivateBucket): VpcNetwork {
  return new VpcNetwork(stack, 'network', {
    name,
    permissionsBoundaryArn,
    region: env.region,
    availabilityZones: env.ec2.availabilityZones,
    createNatGateway: env.ec2.createNatGateway,
    // CloudWatch Logs for the app's logs; SSM's three for Session Manager.
    interfaceEndpoints: ['logs', ...(env.ec2.createSsmEndpoints ? ['ssm', 'ssmmessages', 'ec2messages'] : [])],
    flowLogRetentionDays: env.logRetentionDays,
    s3EndpointPolicy: policyDocument([
      { Sid: 'GreeterArtifact', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `${artifactBucket.bucketArn}/*` },
      { Sid: 'AmazonLinuxRepositories', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::al2023-repos-${env.region}-*/*` },
    ]),
  });
}

/** The instances' user data: fetch and verify this build, run it under systemd, ship its logs. */
function userData({ stack, env, artifacts }: ComputeContext, artifact: ReturnType<typeof serverArtifact>) {
  const appLogs = new CloudwatchLogGroup(stack, 'app-logs', { name: `/greeter/${env.name}/app`, retentionInDays: env.logRetentionDays });
  tagCompute('ec2', appLogs);
  const base64 = greeterUserDataBase64ForTerraform({
    logGroup: appLogs.name,
    artifactBucket: artifact.bucket.bucketName,
    artifactKey: SERVER_ARTIFACT_KEY,
    artifactVersionId: artifact.object.versionId,
    artifactSha256Hex: artifacts.serverBundle.sha256Hex,
    appPort: env.ec2.appPort,
    shutdownTimeoutMs: env.ec2.shutdownTimeoutSeconds * 1000,
    shutdownDrainMs: env.ec2.shutdownDrainSeconds * 1000,
    keepAliveTimeoutMs: (ALB_IDLE_TIMEOUT_SECONDS + 5) * 1000,
  });
  return { appLogs, base64 };
}

/** The load balancer and the group, with the environment's settings in the construct's groups. */
function service(ctx: ComputeContext, vpc: VpcNetwork, artifact: ReturnType<typeof serverArtifact>, sharedWith: LoadBalancerEdge['sharedWith']) {
  const { stack, name, env, permissionsBoundaryArn } = ctx;
  const { ec2 } = env;
  const { appLogs, base64 } = userData(ctx, artifact);
  return new LoadBalancedInstances(stack, 'service', {
    name,
    permissionsBoundaryArn,
    region: env.region,
    network: {
      vpcId: vpc.vpcId,
      vpcCidrBlock: vpc.vpcCidrBlock,
      publicSubnetIds: vpc.publicSubnetIds,
      privateSubnetIds: vpc.privateSubnetIds,
      s3PrefixListId: vpc.s3PrefixListId,
      httpsEgressToInternet: ec2.createNatGateway,
    },
    instances: {
      imageId: ec2.amiId ?? newestAmazonLinux(stack, ec2.architecture),
      instanceType: ec2.instanceType,
      rootVolumeGb: ec2.rootVolumeGb,
      userDataBase64: base64,
      appPort: ec2.appPort,
      readableObjectArns: [`${artifact.bucket.bucketArn}/${SERVER_ARTIFACT_KEY}`],
      appLogGroupArn: appLogs.arn,
      tags: { ...standardTags(env), compute: 'ec2' },
    },
    capacity: { min: ec2.minInstances, desired: ec2.desiredInstances, max: ec2.maxInstances, scaling: ec2.scaling },
    healthCheck: {
      path: HEALTH_CHECK_PATH,
      intervalSeconds: ec2.healthCheckIntervalSeconds,
      timeoutSeconds: HEALTH_CHECK_TIMEOUT_SECONDS,
      unhealthyThreshold: ec2.healthCheckUnhealthyThreshold,
      gracePeriodSeconds: ec2.healthCheckGracePeriodSeconds,
      deregistrationDelaySeconds: ec2.deregistrationDelaySeconds,
    },
    edge: {
      certificateArn: ctx.certificate?.certificateArn,
      sharedWith,
      deletionProtection: ec2.enableDeletionProtection,
      accessLogRetentionDays: ec2.accessLogRetentionDays,
      emptyLogBucketOnDestroy: ec2.emptyBucketsOnDestroy,
      webAcl: ec2.waf.enabled
        ? { rateLimitPerFiveMinutes: ec2.waf.rateLimitPerFiveMinutes, countOnly: ec2.waf.countOnly, logRetentionDays: env.logRetentionDays }
        : undefined,
    },
    // Who fetched which build, and when.
    serverAccessLogsOf: [artifact.bucket],
    // No instance may boot before its artifact is there to fetch.
    launchAfter: [artifact.object],
  });
}

/** Instances in an Auto Scaling group behind a load balancer and their alarms; an instance refresh rolls out each build once the alarms exist. */
export function ec2Compute(ctx: ComputeContext, sharedWith?: LoadBalancerEdge['sharedWith']): ComputeParts & { instances: LoadBalancedInstances } {
  const { stack, env } = ctx;
  const artifact = serverArtifact(ctx);
  const vpc = network(ctx, artifact.bucket);
  const instances = service(ctx, vpc, artifact, sharedWith);
  tagCompute('ec2', artifact.bucket, artifact.object, vpc, instances);
  new TerraformOutput(stack, 'alb_dns_name', { value: instances.albDnsName });
  new TerraformOutput(stack, 'autoscaling_group_name', {
    value: instances.group.name,
    description: 'The Auto Scaling group; a deploy that changes the launch template starts its instance refresh',
  });
  const signals = ec2GoldenSignals({
    albArnSuffix: instances.albArnSuffix,
    targetGroupArnSuffix: instances.targetGroupArnSuffix,
    groupName: instances.group.name,
    minInstances: env.ec2.minInstances,
    alarms: env.alarms,
  });
  const withAlarms = (alarms: CloudwatchMetricAlarm[]) => {
    new InstanceRefreshRollout(stack, 'rollout', {
      region: env.region,
      group: instances.group,
      launchTemplate: instances.launchTemplate,
      warmupSeconds: env.ec2.healthCheckGracePeriodSeconds,
      checkpointDelaySeconds: env.ec2.refreshCheckpointDelaySeconds,
      rollbackAlarms: alarms,
    });
  };
  return { instances, url: instances.url, front: { dnsName: instances.albDnsName, zoneId: instances.albZoneId }, signals, withAlarms };
}
