/** The levels `LOG_LEVEL` takes, least severe first; `silent` writes nothing. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export type LogLevelName = (typeof LOG_LEVELS)[number];

export const DEFAULT_LOG_LEVEL: LogLevelName = 'info';

/**
 * Reads `LOG_LEVEL` (any case, as AWS Lambda's own log-level setting writes
 * it): unset or empty is `info`; anything else not in LOG_LEVELS is a problem
 * whose message names the variable and the levels it takes.
 */
export function parseLogLevel(raw: string | undefined): LogLevelName | { problem: string } {
  if (raw === undefined || raw.trim() === '') return DEFAULT_LOG_LEVEL;
  const level = raw.trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevelName;
  return { problem: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(raw)})` };
}

/** `LOG_LEVEL` for the Lambda handler, which has no other settings: a bad value fails the init phase with the problem. */
export function readLogLevel(env: NodeJS.ProcessEnv): LogLevelName {
  const level = parseLogLevel(env['LOG_LEVEL']);
  if (typeof level !== 'string') throw new Error(`Invalid configuration: ${level.problem}`);
  return level;
}

/** Whether a line of `level` is written when the threshold is `threshold`. */
export function isLevelEnabled(level: Exclude<LogLevelName, 'silent'>, threshold: LogLevelName): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold);
}
