import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { JsonLogger } from '../app/logging/json-logger';
import { ShutdownState } from '../app/health/shutdown-state';

const IDLE_SWEEP_MS = 50;

export interface GracefulShutdownOptions {
  timeoutMs: number;
  logger: JsonLogger;
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

/**
 * On SIGTERM or SIGINT: report unhealthy, stop accepting connections, let the
 * requests in flight finish, then exit 0. If they have not finished within the
 * timeout the process exits 1; a second signal exits at once.
 */
export function shutDownGracefullyOnSignals(app: INestApplication, options: GracefulShutdownOptions): void {
  const { timeoutMs, logger, exit = (code) => process.exit(code), signals = ['SIGTERM', 'SIGINT'] } = options;
  let draining = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (draining) {
      logger.info('second signal: exiting without waiting', { signal });
      exit(1);
      return;
    }
    draining = true;
    app.get(ShutdownState).begin();
    logger.info('shutting down: finishing requests in flight', { signal, timeoutMs });
    // Keep-alive connections stay open after their last answer; closing each as
    // it falls idle lets a load balancer's pooled connections end one by one,
    // at no cost to requests while the server is not draining.
    const server = app.getHttpServer() as Server;
    const closeIdle = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => {
      logger.warn(`requests still in flight after ${timeoutMs} ms; exiting`, 'GracefulShutdown');
      exit(1);
    }, timeoutMs);
    app.close().then(
      () => {
        clearInterval(closeIdle);
        clearTimeout(deadline);
        logger.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        clearInterval(closeIdle);
        clearTimeout(deadline);
        logger.error(error instanceof Error ? error : String(error), undefined, 'GracefulShutdown');
        exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
}
