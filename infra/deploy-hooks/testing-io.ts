import type { RolloutIo } from './follow-rollout';

/** A hook's printer and clock for tests: what it printed, and how long it would have slept, without sleeping. */
export function recordingIo(): { io: RolloutIo; lines: string[]; slept: number[] } {
  const lines: string[] = [];
  const slept: number[] = [];
  return { io: { print: (line) => void lines.push(line), sleep: async (seconds) => void slept.push(seconds) }, lines, slept };
}
