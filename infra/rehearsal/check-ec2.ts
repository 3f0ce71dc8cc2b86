import { readFileSync } from 'node:fs';
import { DescribeAutoScalingGroupsCommand, DescribeInstanceRefreshesCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { DescribeListenersCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Environment } from '@greeter/environment-config';
import type { BuiltArtifact } from '../src/artifacts';
import { ALB_IDLE_TIMEOUT_SECONDS } from '../src/constructs/load-balanced-instances';
import { renderGreeterUserData } from '../src/ec2/user-data';
import { HEALTH_CHECK_PATH, SERVER_ARTIFACT_KEY, stackName } from '../src/greeter-stack';
import { SECURE_DEFAULTS } from '../src/secure-defaults';
import type { EmulatorClients } from './aws-clients';
import type { Check } from './checks';
import type { StateResource } from './resource-probes';

const one = (state: StateResource[], type: string) => {
  const found = state.filter((r) => r.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} in the state, found ${found.length}`);
  return found[0]!.values;
};

export async function readObjectVersion(aws: EmulatorClients, bucket: string, versionId: string): Promise<Buffer> {
  const object = await aws.s3.send(new GetObjectCommand({ Bucket: bucket, Key: SERVER_ARTIFACT_KEY, VersionId: versionId }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

export interface Ec2Deployment {
  bucket: string;
  objectVersionId: string;
  launchTemplateVersion: number;
  groupName: string;
}

/**
 * The server bundle in S3 (byte-identical to the build), the launch template's
 * user data (exactly the install script with that object's key, version and
 * SHA-256), the health check, the listeners, and the group on the newest
 * launch template version.
 */
export async function checkEc2(aws: EmulatorClients, env: Environment, bundle: BuiltArtifact, state: StateResource[], check: Check): Promise<Ec2Deployment> {
  const object = one(state, 'aws_s3_object');
  const stored = await readObjectVersion(aws, object.bucket, object.version_id);
  const built = readFileSync(bundle.path);
  check(
    `server bundle s3://…/${SERVER_ARTIFACT_KEY} (version ${object.version_id}) is byte-identical to the build (${built.length} bytes)`,
    stored.equals(built),
    `${stored.length} bytes`,
  );

  const template = one(state, 'aws_launch_template');
  const versions = await aws.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: template.id, Versions: ['$Latest'] }));
  const latest = versions.LaunchTemplateVersions![0]!;
  const userData = Buffer.from(latest.LaunchTemplateData?.UserData ?? '', 'base64').toString('utf8');
  const expected = renderGreeterUserData({
    logGroup: `/greeter/${env.name}/app`,
    artifactBucket: object.bucket,
    artifactKey: SERVER_ARTIFACT_KEY,
    artifactVersionId: object.version_id,
    artifactSha256Hex: bundle.sha256Hex,
    appPort: env.ec2.appPort,
    shutdownTimeoutMs: env.ec2.shutdownTimeoutSeconds * 1000,
    shutdownDrainMs: env.ec2.shutdownDrainSeconds * 1000,
    keepAliveTimeoutMs: (ALB_IDLE_TIMEOUT_SECONDS + 5) * 1000,
  });
  check(
    `launch template version ${latest.VersionNumber}: user data decodes to the install script with that object's key, version and SHA-256`,
    userData === expected,
    userData.slice(0, 300),
  );

  const targets = one(state, 'aws_lb_target_group');
  const group = (await aws.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [targets.arn] }))).TargetGroups![0]!;
  check(
    `target group health-checks ${HEALTH_CHECK_PATH} on port ${env.ec2.appPort}`,
    group.HealthCheckPath === HEALTH_CHECK_PATH && group.Port === env.ec2.appPort,
    `${group.HealthCheckPath} :${group.Port}`,
  );

  const alb = one(state, 'aws_lb');
  const listeners = (await aws.elb.send(new DescribeListenersCommand({ LoadBalancerArn: alb.arn }))).Listeners ?? [];
  const shape = listeners
    // moto reports an SSL policy on HTTP listeners too; only HTTPS ones have one on AWS.
    .map(
      (l) =>
        `${l.Port} ${l.Protocol} ${l.DefaultActions?.[0]?.Type}${l.Protocol === 'HTTPS' ? ` ${l.SslPolicy}` : ''}${l.Certificates?.length ? ' with certificate' : ''}`,
    )
    .sort()
    .join(', ');
  const wanted = env.domain ? `443 HTTPS forward ${SECURE_DEFAULTS.albSslPolicy} with certificate, 80 HTTP redirect` : '80 HTTP forward';
  check(`listeners: ${wanted}`, shape === wanted, shape);

  const asg = one(state, 'aws_autoscaling_group');
  const described = await describeGroup(aws, asg.name);
  check(
    `group sized ${env.ec2.minInstances}..${env.ec2.maxInstances} on launch template version ${latest.VersionNumber}`,
    described.MinSize === env.ec2.minInstances &&
      described.MaxSize === env.ec2.maxInstances &&
      String(described.LaunchTemplate?.Version) === String(latest.VersionNumber),
    `${described.MinSize}..${described.MaxSize} v${described.LaunchTemplate?.Version}`,
  );
  return { bucket: object.bucket, objectVersionId: object.version_id, launchTemplateVersion: latest.VersionNumber!, groupName: asg.name };
}

/** The launch template version the group launches new instances from. */
export async function groupLaunchTemplateVersion(aws: EmulatorClients, groupName: string): Promise<string> {
  return String((await describeGroup(aws, groupName)).LaunchTemplate?.Version);
}

async function describeGroup(aws: EmulatorClients, groupName: string) {
  return (await aws.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }))).AutoScalingGroups![0]!;
}

/** After a code change: a rolling refresh that launches before it terminates was started, and the previous build is still readable for a rollback. */
export async function checkEc2Redeploy(
  aws: EmulatorClients,
  env: Environment,
  before: Ec2Deployment,
  after: Ec2Deployment,
  previousBundle: Buffer,
  check: Check,
): Promise<void> {
  check(
    `new object version (${after.objectVersionId}) and launch template version ${after.launchTemplateVersion}`,
    after.objectVersionId !== before.objectVersionId && after.launchTemplateVersion > before.launchTemplateVersion,
  );
  const refreshes = (await aws.autoscaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: after.groupName }))).InstanceRefreshes ?? [];
  const preferences = refreshes[0]?.Preferences;
  const { minHealthyPercentage, maxHealthyPercentage } = SECURE_DEFAULTS.instanceRefresh;
  check(
    `an instance refresh was started that launches before it terminates (${minHealthyPercentage}% to ${maxHealthyPercentage}% healthy)`,
    refreshes.length > 0 && preferences?.MinHealthyPercentage === minHealthyPercentage && preferences?.MaxHealthyPercentage === maxHealthyPercentage,
    JSON.stringify(preferences),
  );
  const alarms = (await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: `${stackName(env)}-` }))).MetricAlarms ?? [];
  const watched = [...(preferences?.AlarmSpecification?.Alarms ?? [])].sort();
  check(
    `the refresh pauses halfway (checkpoints at 50% and 100%) and rolls back if any of the environment's ${alarms.length} alarms fires`,
    preferences?.AutoRollback === true &&
      JSON.stringify(preferences?.CheckpointPercentages) === '[50,100]' &&
      alarms.length > 0 &&
      JSON.stringify(watched) === JSON.stringify(alarms.map((alarm) => alarm.AlarmName).sort()),
    JSON.stringify(preferences),
  );
  const previous = await readObjectVersion(aws, before.bucket, before.objectVersionId);
  check('the previous build stays readable at its version (a rollback can boot it)', previous.equals(previousBundle), `${previous.length} bytes`);
}
