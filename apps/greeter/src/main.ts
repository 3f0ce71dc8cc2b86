import type { AddressInfo } from 'node:net';
import { createGreeterApp } from './app/create-greeter-app';
import { DEFAULT_HTTP_TIMEOUTS } from './app/http/http-limits';
import { JsonLogger } from './app/logging/json-logger';
import { shutDownGracefullyOnSignals } from './server/graceful-shutdown';
import { readServerConfig, ServerConfigError } from './server/server-config';

async function bootstrap(): Promise<void> {
  const config = readServerConfig(process.env);
  const logger = new JsonLogger(config.logLevel);
  const app = await createGreeterApp({ logger, httpTimeouts: { ...DEFAULT_HTTP_TIMEOUTS, keepAliveTimeoutMs: config.keepAliveTimeoutMs } });
  shutDownGracefullyOnSignals(app, { drainMs: config.shutdownDrainMs, timeoutMs: config.shutdownTimeoutMs, logger });
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.info('listening', { url: await app.getUrl(), port });
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`greeter: ${error instanceof ServerConfigError ? error.message : `failed to start: ${String(error)}`}\n`);
  process.exit(1);
});
