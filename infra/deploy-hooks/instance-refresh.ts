import { DescribeAutoScalingGroupsCommand, DescribeInstanceRefreshesCommand, StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import { SECURE_DEFAULTS } from '../src/secure-defaults';
import { followRollout, NOT_WAITING, type RolloutIo } from './follow-rollout';

/** What one rollout moves: a group to a launch template version, through an instance refresh AWS can roll back. */
export interface InstanceRefreshSettings {
  region: string;
  group: string;
  launchTemplateId: string;
  targetVersion: string;
  /** Seconds a new instance needs before it counts as healthy (the group's health-check grace period). */
  warmupSeconds: number;
  /** The refresh stops after half the instances for this long (0: no checkpoint). */
  checkpointDelaySeconds: number;
  /** Alarms that roll the refresh back while it runs; none when GREETER_DEPLOY_IGNORE_ALARMS is set. */
  rollbackAlarms: string[];
  noWait: boolean;
  pollSeconds: number;
}

export interface RefreshIo extends RolloutIo {
  autoscaling: { send(command: DescribeAutoScalingGroupsCommand | DescribeInstanceRefreshesCommand | StartInstanceRefreshCommand): Promise<any> };
}

export class RefreshFailed extends Error {}

/** Beyond its checkpoints and warmups, how long a refresh may take: instances launch, boot and install. */
export const REFRESH_MARGIN_MINUTES = 40;

/**
 * How long the hook waits for a refresh: two batches (half, then the rest),
 * each warming up, two checkpoint pauses (a scale-out during the refresh can
 * reach a checkpoint again), and the margin.
 */
export const refreshWaitMinutes = (s: Pick<InstanceRefreshSettings, 'warmupSeconds' | 'checkpointDelaySeconds'>): number =>
  Math.ceil((2 * s.warmupSeconds + 2 * s.checkpointDelaySeconds) / 60) + REFRESH_MARGIN_MINUTES;

const UNFINISHED = ['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking'];
const FAILED = new Set(['Failed', 'Cancelled', 'RollbackSuccessful', 'RollbackFailed']);

function followCommand(s: InstanceRefreshSettings): string {
  return `aws autoscaling describe-instance-refreshes --region ${s.region} --auto-scaling-group-name ${s.group} --query 'InstanceRefreshes[0].[Status,PercentageComplete,StatusReason]'`;
}

/**
 * Rolls the group onto the new launch template version with an instance
 * refresh that names it as the desired configuration: the group's saved
 * configuration changes only when the refresh succeeds, so a rollback (an
 * alarm firing, or instances failing their health checks) returns it to the
 * previous version, AMI and build. Waits for the outcome; throws RefreshFailed
 * when it failed or rolled back.
 */
export async function refreshInstances(s: InstanceRefreshSettings, io: RefreshIo): Promise<void> {
  const groups = await io.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [s.group] }));
  const saved = groups.AutoScalingGroups?.[0]?.LaunchTemplate ?? {};
  const current = String(saved.Version ?? '');
  if (saved.LaunchTemplateId === s.launchTemplateId && current === s.targetVersion) {
    io.print(`${s.group} is already on launch template version ${s.targetVersion}; nothing to roll out`);
    return;
  }
  if (!/^\d+$/.test(current)) {
    throw new RefreshFailed(
      `${s.group} launches from launch template version ${current || 'none'} (changed by hand?), and AWS cannot roll a refresh back from $Latest or $Default: ` +
        `set a numbered version (aws autoscaling update-auto-scaling-group --region ${s.region} --auto-scaling-group-name ${s.group} --launch-template LaunchTemplateId=${saved.LaunchTemplateId ?? s.launchTemplateId},Version=<the version it runs>), then deploy again`,
    );
  }
  const latest = (await io.autoscaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: s.group, MaxRecords: 1 }))).InstanceRefreshes?.[0];
  let id: string;
  if (latest && UNFINISHED.includes(latest.Status)) {
    const desiredTemplate = latest.DesiredConfiguration?.LaunchTemplate ?? {};
    const desired = String(desiredTemplate.Version ?? '');
    if (desired !== s.targetVersion || (desiredTemplate.LaunchTemplateId !== undefined && desiredTemplate.LaunchTemplateId !== s.launchTemplateId)) {
      throw new RefreshFailed(
        `instance refresh ${latest.InstanceRefreshId} of ${s.group} (to launch template version ${desired || 'unknown'}) is still ${latest.Status}; a group runs one refresh at a time. ` +
          `Wait for it (${followCommand(s)}) or cancel it (aws autoscaling cancel-instance-refresh --region ${s.region} --auto-scaling-group-name ${s.group}), then deploy again`,
      );
    }
    id = latest.InstanceRefreshId;
    io.print(`instance refresh ${id} to launch template version ${s.targetVersion} is already under way; following it`);
  } else {
    const started = await io.autoscaling.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: s.group,
        Strategy: 'Rolling',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: s.launchTemplateId, Version: s.targetVersion } },
        Preferences: {
          // Launch before terminating: healthy capacity never drops below what is running.
          MinHealthyPercentage: SECURE_DEFAULTS.instanceRefresh.minHealthyPercentage,
          MaxHealthyPercentage: SECURE_DEFAULTS.instanceRefresh.maxHealthyPercentage,
          InstanceWarmup: s.warmupSeconds,
          SkipMatching: true,
          ...(s.checkpointDelaySeconds > 0 ? { CheckpointPercentages: [50, 100], CheckpointDelay: s.checkpointDelaySeconds } : {}),
          AutoRollback: true,
          ...(s.rollbackAlarms.length > 0 ? { AlarmSpecification: { Alarms: s.rollbackAlarms } } : {}),
        },
      }),
    );
    id = started.InstanceRefreshId;
    io.print(`started instance refresh ${id}: ${s.group} from launch template version ${current} to ${s.targetVersion}`);
  }
  io.print(`follow it: ${followCommand(s)}`);
  if (s.noWait) {
    io.print(NOT_WAITING);
    return;
  }
  await waitForRefresh(s, id, current, io);
}

async function waitForRefresh(s: InstanceRefreshSettings, id: string, from: string, io: RefreshIo): Promise<void> {
  await followRollout(
    async () => {
      const answer = await io.autoscaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: s.group, InstanceRefreshIds: [id] }));
      const refresh = answer.InstanceRefreshes?.[0] ?? {};
      const line = `refresh ${id}: ${refresh.Status}, ${refresh.PercentageComplete ?? 0}% done${refresh.StatusReason ? ` (${refresh.StatusReason})` : ''}`;
      if (!FAILED.has(refresh.Status)) return { line, succeeded: refresh.Status === 'Successful' };
      const back = String(refresh.Status).startsWith('Rollback')
        ? `rolled back: ${s.group} stays on launch template version ${from} (its AMI and build)`
        : `${s.group} keeps launch template version ${from} for new instances`;
      // The deploy fails, so Terraform runs this hook again on the next one.
      const failure = new RefreshFailed(
        `instance refresh ${id} ended ${refresh.Status}: ${refresh.StatusReason ?? 'no reason given'}. ${back}. The next deploy tries version ${s.targetVersion} again.`,
      );
      return { line, succeeded: false, failure };
    },
    {
      limitMinutes: refreshWaitMinutes(s),
      pollSeconds: s.pollSeconds,
      what: `instance refresh ${id}`,
      followCommand: followCommand(s),
      Failure: RefreshFailed,
    },
    io,
  );
  io.print(`${s.group} is on launch template version ${s.targetVersion}`);
}
