import { DEFAULT_LOG_LEVEL, type LogLevelName, parseLogLevel } from '../app/logging/log-level';

export interface ServerConfig {
  port: number;
  host: string;
  /** How long, after SIGTERM/SIGINT, /health reports 503 while every other request is still served, so a load balancer stops sending first. */
  shutdownDrainMs: number;
  /** How long, after the drain, requests in flight may take to finish. */
  shutdownTimeoutMs: number;
  /** How long an idle keep-alive connection stays open: longer than the ALB's idle timeout (60 s), so the ALB always closes first. */
  keepAliveTimeoutMs: number;
  logLevel: LogLevelName;
}

export const SERVER_CONFIG_DEFAULTS: ServerConfig = {
  port: 3000,
  host: '0.0.0.0',
  // No drain by default: Ctrl-C on a laptop stops at once. Behind a load balancer, set it (see docs/server.md).
  shutdownDrainMs: 0,
  shutdownTimeoutMs: 10_000,
  keepAliveTimeoutMs: 65_000,
  logLevel: DEFAULT_LOG_LEVEL,
};

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
  const defaults = SERVER_CONFIG_DEFAULTS;
  const port = integerVariable(env, 'PORT', defaults.port, 0, 65_535, problems);
  const shutdownDrainMs = integerVariable(env, 'SHUTDOWN_DRAIN_MS', defaults.shutdownDrainMs, 0, 600_000, problems);
  const shutdownTimeoutMs = integerVariable(env, 'SHUTDOWN_TIMEOUT_MS', defaults.shutdownTimeoutMs, 1, 600_000, problems);
  const keepAliveTimeoutMs = integerVariable(env, 'KEEP_ALIVE_TIMEOUT_MS', defaults.keepAliveTimeoutMs, 1_000, 3_600_000, problems);
  const host = env['HOST'] ?? defaults.host;
  if (!HOST.test(host)) problems.push(`HOST must be an IP address or host name such as 0.0.0.0 or localhost (got ${JSON.stringify(host)})`);
  const logLevel = parseLogLevel(env['LOG_LEVEL']);
  if (typeof logLevel !== 'string') problems.push(logLevel.problem);
  if (problems.length > 0) throw new ServerConfigError(problems);
  return { port, host, shutdownDrainMs, shutdownTimeoutMs, keepAliveTimeoutMs, logLevel: logLevel as LogLevelName };
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
