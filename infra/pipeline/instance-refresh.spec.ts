import { RefreshFailed, waitForInstanceRefresh } from './instance-refresh';

/** Auto Scaling answering the newest refresh's successive states. */
function refreshes(...states: Array<Record<string, unknown> | undefined>) {
  let call = 0;
  return {
    async send() {
      const state = states[Math.min(call++, states.length - 1)];
      return { InstanceRefreshes: state ? [{ InstanceRefreshId: 'r-1', ...state }] : [] };
    },
  };
}

describe('waiting for the instance refresh a deploy started', () => {
  it('follows it through its checkpoint to Successful, printing each change once', async () => {
    const printed: string[] = [];
    const autoscaling = refreshes(
      { Status: 'InProgress', PercentageComplete: 0 },
      { Status: 'InProgress', PercentageComplete: 0 },
      { Status: 'InProgress', PercentageComplete: 50, StatusReason: 'Waiting for checkpoint' },
      { Status: 'Successful', PercentageComplete: 100 },
    );

    await expect(waitForInstanceRefresh('greeter-prod-x', { autoscaling, sleep: async () => undefined, print: (l) => printed.push(l) })).resolves.toBe('Successful');

    expect(printed).toEqual(['refresh r-1: InProgress, 0% done', 'refresh r-1: InProgress, 50% done (Waiting for checkpoint)', 'refresh r-1: Successful, 100% done']);
  });

  it('fails when an alarm rolled the refresh back, saying the group is on its previous launch template', async () => {
    const autoscaling = refreshes({ Status: 'RollbackSuccessful', PercentageComplete: 50, StatusReason: 'Rolled back due to alarm greeter-prod-target-5xx in ALARM state' });

    const waiting = waitForInstanceRefresh('greeter-prod-x', { autoscaling, sleep: async () => undefined, print: () => undefined });

    await expect(waiting).rejects.toThrow(RefreshFailed);
    await expect(waitForInstanceRefresh('greeter-prod-x', { autoscaling, sleep: async () => undefined, print: () => undefined })).rejects.toThrow(
      'instance refresh r-1 of greeter-prod-x ended RollbackSuccessful: the group is back on its previous launch template. Rolled back due to alarm greeter-prod-target-5xx in ALARM state',
    );
  });

  it('fails on a refresh that is still going at the deadline', async () => {
    const slept: number[] = [];
    const autoscaling = refreshes({ Status: 'InProgress', PercentageComplete: 50 });

    await expect(waitForInstanceRefresh('g', { autoscaling, sleep: async (ms) => void slept.push(ms), print: () => undefined }, { pollMs: 1_000, deadlineMs: 5_000 })).rejects.toThrow(
      'is still InProgress after 0 minutes; it goes on in AWS',
    );
    expect(slept).toHaveLength(5);
  });

  it('has nothing to wait for when the deploy started no refresh', async () => {
    await expect(waitForInstanceRefresh('g', { autoscaling: refreshes(undefined), sleep: async () => undefined, print: () => undefined })).resolves.toBe('none');
  });
});
