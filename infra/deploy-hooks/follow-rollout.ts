/** What a hook prints to, and waits with (tests pass fakes). */
export interface RolloutIo {
  print(line: string): void;
  sleep(seconds: number): Promise<void>;
}

/** A rollout's state at one look: its status line, and whether it succeeded, or how it failed. */
export interface RolloutState {
  line: string;
  succeeded: boolean;
  failure?: Error;
}

/** What a hook prints when told not to wait for its rollout. */
export const NOT_WAITING = 'not waiting (GREETER_DEPLOY_NO_WAIT is set): the deploy does not know whether it succeeds or rolls back';

export interface FollowLimits {
  limitMinutes: number;
  pollSeconds: number;
  /** The rollout, as the time-out names it, and the command that follows it in AWS. */
  what: string;
  followCommand: string;
  /** The hook's own error, thrown on a time-out. */
  Failure: new (message: string) => Error;
}

/**
 * Follows a rollout until it is over: asks `look` every `pollSeconds`, prints
 * each status line that differs from the last, returns once it succeeded,
 * throws its failure once it failed, and throws a time-out when
 * `limitMinutes` pass first (the rollout goes on in AWS).
 */
export async function followRollout(look: () => Promise<RolloutState>, limits: FollowLimits, io: RolloutIo): Promise<void> {
  const polls = Math.ceil((limits.limitMinutes * 60) / limits.pollSeconds);
  let said = '';
  for (let poll = 0; poll <= polls; poll++) {
    const { line, succeeded, failure } = await look();
    if (line !== said) io.print(line);
    said = line;
    if (failure) throw failure;
    if (succeeded) return;
    if (poll < polls) await io.sleep(limits.pollSeconds);
  }
  throw new limits.Failure(
    `${limits.what} had not finished after ${limits.limitMinutes} minutes; it goes on in AWS, and the next deploy follows it. Follow it: ${limits.followCommand}`,
  );
}
