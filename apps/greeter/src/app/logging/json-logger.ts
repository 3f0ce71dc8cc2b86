import type { LoggerService } from '@nestjs/common';
import { BatchedStdout } from './batched-stdout';
import { DEFAULT_LOG_LEVEL, isLevelEnabled, type LogLevelName } from './log-level';

type Fields = Record<string, unknown>;
type Level = Exclude<LogLevelName, 'silent'>;

/**
 * Writes one JSON object per line to stdout, the format CloudWatch Logs and
 * journald both index, from `threshold` up (`LOG_LEVEL`, default `info`):
 * access-log and lifecycle lines are `info`, refused Lambda events `warn`,
 * failures `error`; Nest's own start-up chatter is `debug`, so that a request
 * writes exactly one line. Access-log lines are batched (see BatchedStdout);
 * every other line is written at once, after any that are pending, so that a
 * lifecycle event or an error is never held back.
 */
export class JsonLogger implements LoggerService {
  private readonly enabled: Record<Level, boolean>;
  /** Fields of the Lambda invocation being answered (its X-Ray trace id), as JSON text to append to each line. */
  private invocationFields = '';

  constructor(
    threshold: LogLevelName = DEFAULT_LOG_LEVEL,
    private readonly output: { write(line: string): void; flush?(): void } = new BatchedStdout(),
  ) {
    this.enabled = {
      debug: isLevelEnabled('debug', threshold),
      info: isLevelEnabled('info', threshold),
      warn: isLevelEnabled('warn', threshold),
      error: isLevelEnabled('error', threshold),
      fatal: isLevelEnabled('fatal', threshold),
    };
  }

  /**
   * The access-log line, one per request: built as a string, without an
   * object to serialize, since it runs for every request.
   */
  request(method: string, path: string, status: number, durationMs: number, requestId: string): void {
    if (!this.enabled.info) return;
    this.output.write(
      `{"time":"${this.timestamp()}","level":"info","msg":"request","method":${JSON.stringify(method)},"path":${JSON.stringify(path)},` +
        `"status":${status},"durationMs":${durationMs},"requestId":${JSON.stringify(requestId)}${this.invocationFields}}\n`,
    );
  }

  /**
   * Adds the X-Ray trace id to every line until it is set again (undefined
   * for none). A Lambda execution environment answers one invocation at a
   * time, so the handler sets it when an invocation starts and clears it when
   * it ends.
   */
  setTraceId(xrayTraceId: string | undefined): void {
    this.invocationFields = xrayTraceId === undefined ? '' : `,"xrayTraceId":${JSON.stringify(xrayTraceId)}`;
  }

  private lastMillis = 0;
  private lastTimestamp = '';

  /** ISO time, formatted once per millisecond however many lines share it. */
  private timestamp(): string {
    const now = Date.now();
    if (now !== this.lastMillis) {
      this.lastMillis = now;
      this.lastTimestamp = new Date(now).toISOString();
    }
    return this.lastTimestamp;
  }

  /** Writes out any lines still buffered. */
  flush(): void {
    this.output.flush?.();
  }

  /** A structured lifecycle line (listening, shutting down, stopped). */
  info(msg: string, fields: Fields = {}): void {
    this.emit('info', msg, fields);
  }

  /** The one line of a Lambda invocation whose event was refused before it reached the app. */
  refusedEvent(reason: string, requestId: string): void {
    this.emit('warn', 'refused event', { status: 400, reason, requestId });
  }

  /** An unexpected error, with its stack and the request it broke, if it broke one. */
  failure(error: unknown, fields: { requestId?: string; context: string }): void {
    this.emit('error', error instanceof Error ? error : String(error), fields);
  }

  // Nest's LoggerService: its `log` and `verbose` lines are start-up chatter, written at `debug`.
  log(message: unknown, context?: string): void {
    this.emit('debug', message, { context });
  }
  verbose(message: unknown, context?: string): void {
    this.emit('debug', message, { context });
  }
  debug(message: unknown, context?: string): void {
    this.emit('debug', message, { context });
  }
  warn(message: unknown, context?: string): void {
    this.emit('warn', message, { context });
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    const stack = context === undefined ? undefined : stackOrContext;
    this.emit('error', message, { context: context ?? stackOrContext, stack });
  }
  fatal(message: unknown, context?: string): void {
    this.emit('fatal', message, { context });
  }

  private emit(level: Level, message: unknown, fields: Fields): void {
    if (!this.enabled[level]) return;
    const msg = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
    const line: Fields = { time: this.timestamp(), level, msg };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) line[key] = value;
    if (message instanceof Error && line['stack'] === undefined) line['stack'] = message.stack;
    const json = JSON.stringify(line);
    this.output.write(`${this.invocationFields ? `${json.slice(0, -1)}${this.invocationFields}}` : json}\n`);
    this.output.flush?.();
  }
}
