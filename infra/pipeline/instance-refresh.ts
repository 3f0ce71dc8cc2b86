import { DescribeInstanceRefreshesCommand } from '@aws-sdk/client-auto-scaling';

export interface RefreshIo {
  autoscaling: { send(command: DescribeInstanceRefreshesCommand): Promise<{ InstanceRefreshes?: any[] }> };
  sleep: (ms: number) => Promise<void>;
  print: (line: string) => void;
}

export class RefreshFailed extends Error {}

/** Statuses after which nothing more happens (AWS: Successful, Failed, Cancelled, RollbackSuccessful, RollbackFailed, Baking ends in Successful). */
const SUCCEEDED = new Set(['Successful']);
const FAILED = new Set(['Failed', 'Cancelled', 'RollbackSuccessful', 'RollbackFailed']);

/**
 * Follows a group's newest instance refresh (the one the deploy just started)
 * to its end: returns when it succeeded; throws RefreshFailed, naming the
 * status and AWS's reason, when it failed, was cancelled or rolled back; and
 * when it is still going at the deadline.
 */
export async function waitForInstanceRefresh(group: string, io: RefreshIo, options: { pollMs?: number; deadlineMs?: number } = {}): Promise<string> {
  const { pollMs = 15_000, deadlineMs = 45 * 60_000 } = options;
  let said = '';
  for (let waited = 0; ; waited += pollMs) {
    const answer = await io.autoscaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: group, MaxRecords: 1 }));
    const refresh = answer.InstanceRefreshes?.[0];
    if (refresh === undefined) {
      io.print(`${group} has no instance refresh: nothing to wait for (the deploy changed no launch template)`);
      return 'none';
    }
    const line = `refresh ${refresh.InstanceRefreshId}: ${refresh.Status}, ${refresh.PercentageComplete ?? 0}% done${refresh.StatusReason ? ` (${refresh.StatusReason})` : ''}`;
    if (line !== said) io.print(line);
    said = line;
    if (SUCCEEDED.has(refresh.Status)) return refresh.Status;
    if (FAILED.has(refresh.Status)) {
      const rolledBack = refresh.Status.startsWith('Rollback') ? ': the group is back on its previous launch template' : '';
      throw new RefreshFailed(`instance refresh ${refresh.InstanceRefreshId} of ${group} ended ${refresh.Status}${rolledBack}. ${refresh.StatusReason ?? ''}`.trim());
    }
    if (waited + pollMs > deadlineMs) {
      throw new RefreshFailed(`instance refresh ${refresh.InstanceRefreshId} of ${group} is still ${refresh.Status} after ${Math.round(deadlineMs / 60_000)} minutes; it goes on in AWS`);
    }
    await io.sleep(pollMs);
  }
}
