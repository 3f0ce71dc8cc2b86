import { DEFAULT_LOG_LEVEL, type LogLevelName, parseLogLevel } from '../app/logging/log-level';

export interface ServerConfig {
  port: number;
  host: string;
  shutdownTimeoutMs: number;
  logLevel: LogLevelName;
}

export const SERVER_CONFIG_DEFAULTS: ServerConfig = { port: 3000, host: '0.0.0.0', shutdownTimeoutMs: 10_000, logLevel: DEFAULT_LOG_LEVEL };

export class ServerConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid server configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ServerConfigError';
  }
}

const HOST = /^[A-Za-z0-9.:-]{1,253}$/;

/** Reads the standalone server's settings from the environment once, reporting every bad variable at the same time. */
export function readServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const problems: string[] = [];
  const port = integerVariable(env, 'PORT', SERVER_CONFIG_DEFAULTS.port, 0, 65_535, problems);
  const shutdownTimeoutMs = integerVariable(env, 'SHUTDOWN_TIMEOUT_MS', SERVER_CONFIG_DEFAULTS.shutdownTimeoutMs, 1, 600_000, problems);
  const host = env['HOST'] ?? SERVER_CONFIG_DEFAULTS.host;
  if (!HOST.test(host)) problems.push(`HOST must be an IP address or host name such as 0.0.0.0 or localhost (got ${JSON.stringify(host)})`);
  const logLevel = parseLogLevel(env['LOG_LEVEL']);
  if (typeof logLevel !== 'string') problems.push(logLevel.problem);
  if (problems.length > 0) throw new ServerConfigError(problems);
  return { port, host, shutdownTimeoutMs, logLevel: logLevel as LogLevelName };
}

function integerVariable(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  }
  return value;
}
