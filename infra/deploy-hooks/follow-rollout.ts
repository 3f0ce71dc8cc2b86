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

/**
 * Follows a rollout until it is over: asks `look` every `pollSeconds`, prints
 * each status line that differs from the last, returns true once it
 * succeeded, throws its failure once it failed, and returns false when
 * `limitMinutes` pass first.
 */
export async function followRollout(look: () => Promise<RolloutState>, limitMinutes: number, pollSeconds: number, io: RolloutIo): Promise<boolean> {
  const polls = Math.ceil((limitMinutes * 60) / pollSeconds);
  let said = '';
  for (let poll = 0; poll <= polls; poll++) {
    const { line, succeeded, failure } = await look();
    if (line !== said) io.print(line);
    said = line;
    if (failure) throw failure;
    if (succeeded) return true;
    if (poll < polls) await io.sleep(pollSeconds);
  }
  return false;
}
