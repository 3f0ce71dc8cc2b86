import { DescribeAutoScalingGroupsCommand, DescribeInstanceRefreshesCommand, StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import { type InstanceRefreshSettings, RefreshFailed, refreshInstances, refreshWaitMinutes } from './instance-refresh';
import { recordingIo } from './testing-io';

const SETTINGS: InstanceRefreshSettings = {
  region: 'us-east-1',
  group: 'greeter-prod-x',
  launchTemplateId: 'lt-0abc',
  targetVersion: '8',
  warmupSeconds: 120,
  checkpointDelaySeconds: 300,
  rollbackAlarms: ['greeter-prod-alb-5xx', 'greeter-prod-target-5xx'],
  noWait: false,
  pollSeconds: 15,
};

/**
 * Auto Scaling as AWS answers it: the group on `groupVersion`, `unfinished`
 * as the newest refresh, and each poll of the started refresh answering the
 * next of `states` (the last one repeating).
 */
function fakeAutoScaling({
  groupVersion = '7',
  groupTemplate = 'lt-0abc',
  unfinished,
  states = [{ Status: 'Successful', PercentageComplete: 100 }],
}: {
  groupVersion?: string;
  groupTemplate?: string;
  unfinished?: Record<string, unknown>;
  states?: Array<Record<string, unknown>>;
}) {
  const sent: Array<{ name: string; input: any }> = [];
  let polls = 0;
  const autoscaling = {
    async send(command: any) {
      sent.push({ name: command.constructor.name, input: command.input });
      if (command instanceof DescribeAutoScalingGroupsCommand)
        return { AutoScalingGroups: [{ LaunchTemplate: { LaunchTemplateId: groupTemplate, Version: groupVersion } }] };
      if (command instanceof StartInstanceRefreshCommand) return { InstanceRefreshId: 'r-new' };
      if (command instanceof DescribeInstanceRefreshesCommand) {
        if (!command.input.InstanceRefreshIds)
          return { InstanceRefreshes: unfinished ? [unfinished] : [{ InstanceRefreshId: 'r-old', Status: 'RollbackSuccessful' }] };
        return { InstanceRefreshes: [{ InstanceRefreshId: command.input.InstanceRefreshIds[0], ...states[Math.min(polls++, states.length - 1)] }] };
      }
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  };
  return { autoscaling, sent };
}

describe('the instance refresh a deploy rolls out', () => {
  it('names the new launch template version as the desired configuration, so a rollback returns the group to the one before, and launches before it terminates', async () => {
    const aws = fakeAutoScaling({});

    await refreshInstances(SETTINGS, { autoscaling: aws.autoscaling, ...recordingIo().io });

    expect(aws.sent.find((s) => s.name === 'StartInstanceRefreshCommand')!.input).toEqual({
      AutoScalingGroupName: 'greeter-prod-x',
      Strategy: 'Rolling',
      DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: 'lt-0abc', Version: '8' } },
      Preferences: {
        MinHealthyPercentage: 100,
        MaxHealthyPercentage: 200,
        InstanceWarmup: 120,
        SkipMatching: true,
        CheckpointPercentages: [50, 100],
        CheckpointDelay: 300,
        AutoRollback: true,
        AlarmSpecification: { Alarms: ['greeter-prod-alb-5xx', 'greeter-prod-target-5xx'] },
      },
    });
  });

  it('follows it through its checkpoint to Successful, printing each change once, and ignores an older refresh that rolled back', async () => {
    const aws = fakeAutoScaling({
      states: [
        { Status: 'InProgress', PercentageComplete: 0 },
        { Status: 'InProgress', PercentageComplete: 0 },
        { Status: 'InProgress', PercentageComplete: 50, StatusReason: 'Waiting for checkpoint' },
        { Status: 'Successful', PercentageComplete: 100 },
      ],
    });
    const out = recordingIo();

    await refreshInstances(SETTINGS, { autoscaling: aws.autoscaling, ...out.io });

    expect(out.lines).toEqual([
      'started instance refresh r-new: greeter-prod-x from launch template version 7 to 8',
      expect.stringContaining('aws autoscaling describe-instance-refreshes --region us-east-1 --auto-scaling-group-name greeter-prod-x'),
      'refresh r-new: InProgress, 0% done',
      'refresh r-new: InProgress, 50% done (Waiting for checkpoint)',
      'refresh r-new: Successful, 100% done',
      'greeter-prod-x is on launch template version 8',
    ]);
  });

  it('fails the deploy when an alarm rolled the refresh back, naming the version the group stays on', async () => {
    const aws = fakeAutoScaling({
      states: [{ Status: 'RollbackSuccessful', PercentageComplete: 50, StatusReason: 'Rolled back due to alarm greeter-prod-target-5xx in ALARM state' }],
    });

    const rolling = refreshInstances(SETTINGS, { autoscaling: aws.autoscaling, ...recordingIo().io });

    await expect(rolling).rejects.toThrow(RefreshFailed);
    await expect(rolling).rejects.toThrow(
      'ended RollbackSuccessful: Rolled back due to alarm greeter-prod-target-5xx in ALARM state. rolled back: greeter-prod-x stays on launch template version 7 (its AMI and build). The next deploy tries version 8 again.',
    );
  });

  it('does nothing when the group is already on the version (the first deploy creates it there)', async () => {
    const aws = fakeAutoScaling({ groupVersion: '8' });
    const out = recordingIo();

    await refreshInstances(SETTINGS, { autoscaling: aws.autoscaling, ...out.io });

    expect(aws.sent.map((s) => s.name)).toEqual(['DescribeAutoScalingGroupsCommand']);
    expect(out.lines).toEqual(['greeter-prod-x is already on launch template version 8; nothing to roll out']);
  });

  it('follows a refresh to the same version that is already under way, and refuses to start while one to another version runs', async () => {
    const same = fakeAutoScaling({
      unfinished: { InstanceRefreshId: 'r-running', Status: 'InProgress', DesiredConfiguration: { LaunchTemplate: { Version: '8' } } },
    });
    const following = recordingIo();
    await refreshInstances(SETTINGS, { autoscaling: same.autoscaling, ...following.io });
    expect(same.sent.map((s) => s.name)).not.toContain('StartInstanceRefreshCommand');
    expect(following.lines[0]).toBe('instance refresh r-running to launch template version 8 is already under way; following it');
    expect(same.sent.filter((s) => s.name === 'DescribeInstanceRefreshesCommand').map((s) => s.input.InstanceRefreshIds)).toContainEqual(['r-running']);
    expect(following.lines.at(-1)).toBe('greeter-prod-x is on launch template version 8');

    const other = fakeAutoScaling({
      unfinished: { InstanceRefreshId: 'r-other', Status: 'InProgress', DesiredConfiguration: { LaunchTemplate: { Version: '6' } } },
    });
    await expect(refreshInstances(SETTINGS, { autoscaling: other.autoscaling, ...recordingIo().io })).rejects.toThrow(
      /instance refresh r-other of greeter-prod-x \(to launch template version 6\) is still InProgress.*aws autoscaling cancel-instance-refresh/,
    );
  });

  it('gives up waiting after two warmups, two checkpoints and a margin, saying the refresh goes on', async () => {
    const aws = fakeAutoScaling({ states: [{ Status: 'InProgress', PercentageComplete: 50 }] });
    const out = recordingIo();
    // (2 × 120 s + 2 × 300 s) = 14 minutes, plus 40.
    expect(refreshWaitMinutes(SETTINGS)).toBe(54);

    await expect(refreshInstances(SETTINGS, { autoscaling: aws.autoscaling, ...out.io })).rejects.toThrow(
      'had not finished after 54 minutes; it goes on in AWS',
    );
    expect(out.slept.reduce((a, b) => a + b, 0)).toBe(54 * 60);
  });

  it('rolls out to a replaced launch template even when its version number is the one the group has', async () => {
    const aws = fakeAutoScaling({ groupVersion: '8', groupTemplate: 'lt-0old' });

    await refreshInstances(SETTINGS, { autoscaling: aws.autoscaling, ...recordingIo().io });

    expect(aws.sent.find((s) => s.name === 'StartInstanceRefreshCommand')!.input.DesiredConfiguration).toEqual({
      LaunchTemplate: { LaunchTemplateId: 'lt-0abc', Version: '8' },
    });
  });

  it('refuses to roll out from $Latest, which AWS cannot roll back from, and says how to pin a version', async () => {
    const aws = fakeAutoScaling({ groupVersion: '$Latest' });

    await expect(refreshInstances(SETTINGS, { autoscaling: aws.autoscaling, ...recordingIo().io })).rejects.toThrow(
      /launches from launch template version \$Latest .*aws autoscaling update-auto-scaling-group .*LaunchTemplateId=lt-0abc,Version=<the version it runs>/,
    );
    expect(aws.sent.map((s) => s.name)).toEqual(['DescribeAutoScalingGroupsCommand']);
  });

  it('leaves out the alarm specification when there are no alarms to watch (GREETER_DEPLOY_IGNORE_ALARMS)', async () => {
    const aws = fakeAutoScaling({});

    await refreshInstances({ ...SETTINGS, rollbackAlarms: [], checkpointDelaySeconds: 0 }, { autoscaling: aws.autoscaling, ...recordingIo().io });

    const preferences = aws.sent.find((s) => s.name === 'StartInstanceRefreshCommand')!.input.Preferences;
    expect(preferences).not.toHaveProperty('AlarmSpecification');
    expect(preferences).not.toHaveProperty('CheckpointPercentages');
    expect(preferences.AutoRollback).toBe(true);
  });
});
