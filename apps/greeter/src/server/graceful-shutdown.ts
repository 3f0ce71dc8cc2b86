import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { JsonLogger } from '../app/logging/json-logger';
import { ShutdownState } from '../app/health/shutdown-state';
import { OpenConnections } from './open-connections';

export interface GracefulShutdownOptions {
  /** How long /health reports 503 while everything else is still served, before the listener closes. */
  drainMs: number;
  /** How long, after the drain, the requests in flight may take. */
  timeoutMs: number;
  logger: JsonLogger;
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

/**
 * Call before the app listens, so that every connection is tracked. On
 * SIGTERM or SIGINT:
 * 1. /health answers 503, and every answer from then on (those being
 *    prepared included) carries `Connection: close`: no client sends another
 *    request on a connection that is about to close.
 * 2. For `drainMs`, every other request is still served, over new connections
 *    too, so that a load balancer has time to see the 503 and stop sending.
 * 3. Then the listener closes, idle connections (never-written ones included)
 *    close at once, the requests in flight finish, and the process exits 0;
 *    if they have not finished within `timeoutMs` it exits 1. A second
 *    signal exits at once.
 */
export function shutDownGracefullyOnSignals(app: INestApplication, options: GracefulShutdownOptions): void {
  const { drainMs, timeoutMs, logger, exit = (code) => process.exit(code), signals = ['SIGTERM', 'SIGINT'] } = options;
  const connections = new OpenConnections(app.getHttpServer() as Server);
  let shuttingDown = false;

  const stop = (deadline: NodeJS.Timeout): void => {
    logger.info('closing the listener and idle connections; finishing requests in flight', { openConnections: connections.size });
    app.close().then(
      () => {
        clearTimeout(deadline);
        logger.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        logger.failure(error, { context: 'GracefulShutdown' });
        exit(1);
      },
    );
    // One turn later, once the listener is closed (Nest's close hooks are
    // promise steps) and requests already in the sockets' buffers have been read.
    setImmediate(() => connections.closeIdle());
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      logger.info('second signal: exiting without waiting', { signal });
      exit(1);
      return;
    }
    shuttingDown = true;
    app.get(ShutdownState).begin();
    connections.closeEachAfterItsAnswer();
    logger.info('shutting down: /health reports 503; draining', { signal, drainMs, timeoutMs });
    const deadline = setTimeout(() => {
      logger.warn(`requests still in flight ${timeoutMs} ms after the drain; exiting`, 'GracefulShutdown');
      exit(1);
    }, drainMs + timeoutMs);
    if (drainMs > 0) setTimeout(() => stop(deadline), drainMs);
    else stop(deadline);
  };
  for (const signal of signals) process.on(signal, onSignal);
}
