import type { LoggerService, LogLevel } from '@nestjs/common';
import { BatchedStdout } from './batched-stdout';

type Fields = Record<string, unknown>;

/**
 * Writes one JSON object per line to stdout, the format CloudWatch Logs and
 * journald both index. Access-log lines are batched (see BatchedStdout); every
 * other line is written at once, after any that are pending, so that a
 * lifecycle event or an error is never held back. Nest's own start-up chatter
 * is kept to warnings and errors so that a request writes exactly one line.
 */
export class JsonLogger implements LoggerService {
  private readonly levels: ReadonlySet<LogLevel>;

  constructor(
    levels: LogLevel[] = ['fatal', 'error', 'warn'],
    private readonly output: { write(line: string): void; flush?(): void } = new BatchedStdout(),
  ) {
    this.levels = new Set(levels);
  }

  /**
   * The access-log line, one per request: built as a string, without an
   * object to serialize, since it runs for every request.
   */
  request(method: string, path: string, status: number, durationMs: number, requestId: string): void {
    this.output.write(
      `{"time":"${this.timestamp()}","level":"info","msg":"request","method":${JSON.stringify(method)},"path":${JSON.stringify(path)},` +
        `"status":${status},"durationMs":${durationMs},"requestId":${JSON.stringify(requestId)}}\n`,
    );
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

  /** A structured line that is always written, whatever the levels (lifecycle events). */
  info(msg: string, fields: Fields = {}): void {
    this.emit('info', msg, fields);
  }

  /** The one line of a Lambda invocation whose event was refused before it reached the app. */
  refusedEvent(reason: string, requestId: string): void {
    this.emit('warn', 'refused event', { status: 400, reason, requestId });
  }

  /** An unexpected error, with its stack and the request it broke. */
  failure(error: unknown, fields: { requestId: string; context: string }): void {
    this.emit('error', error instanceof Error ? error : String(error), fields);
  }

  log(message: unknown, context?: string): void {
    if (this.levels.has('log')) this.emit('info', message, { context });
  }
  warn(message: unknown, context?: string): void {
    if (this.levels.has('warn')) this.emit('warn', message, { context });
  }
  debug(message: unknown, context?: string): void {
    if (this.levels.has('debug')) this.emit('debug', message, { context });
  }
  verbose(message: unknown, context?: string): void {
    if (this.levels.has('verbose')) this.emit('verbose', message, { context });
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    const stack = context === undefined ? undefined : stackOrContext;
    this.emit('error', message, { context: context ?? stackOrContext, stack });
  }
  fatal(message: unknown, context?: string): void {
    this.emit('fatal', message, { context });
  }

  private emit(level: string, message: unknown, fields: Fields): void {
    const msg = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
    const line: Fields = { time: this.timestamp(), level, msg };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) line[key] = value;
    if (message instanceof Error && line['stack'] === undefined) line['stack'] = message.stack;
    this.output.write(`${JSON.stringify(line)}\n`);
    this.output.flush?.();
  }
}
