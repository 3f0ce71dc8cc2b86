/** Records one claim of the rehearsal: what was checked, whether it held, and what was seen when it did not. */
export type Check = (claim: string, holds: boolean, seen?: unknown) => void;

export interface CheckResult {
  environment: string;
  claim: string;
  holds: boolean;
  seen?: string;
}
