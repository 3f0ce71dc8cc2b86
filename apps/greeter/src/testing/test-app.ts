import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app/app.module';
import { createGreeterApp } from '../app/create-greeter-app';
import type { HttpTimeouts } from '../app/http/http-limits';
import { JsonLogger } from '../app/logging/json-logger';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** The request to /test-only/slow: the test learns when it has arrived and decides when it may answer. */
export const slowRequest = {
  arrived: deferred(),
  release: deferred(),
  reset(): void {
    this.arrived = deferred();
    this.release = deferred();
  },
};

/** Routes that exist only in tests: one with a bug in it, and one that stays in flight. */
@Controller('test-only')
export class TestOnlyController {
  @Get('bug')
  bug(): never {
    throw new TypeError('Cannot read properties of undefined (reading "secret") at /srv/internal.ts:42');
  }

  /** Sends its headers and half its body at once, the rest when the test releases it: an answer already under way. */
  @Get('slow-stream')
  async slowStream(@Res() reply: FastifyReply): Promise<void> {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/plain', 'content-length': '8' });
    reply.raw.write('half');
    slowRequest.arrived.resolve();
    await slowRequest.release.promise;
    reply.raw.end('done');
  }

  /** Answers only when the test releases it: a request that stays in flight. */
  @Get('slow')
  async slow(): Promise<{ message: string }> {
    slowRequest.arrived.resolve();
    await slowRequest.release.promise;
    return { message: 'finished' };
  }
}

@Module({ imports: [AppModule], controllers: [TestOnlyController] })
export class AppWithTestRoutesModule {}

export interface TestApp {
  app: NestFastifyApplication;
  port: number;
  /** Parsed JSON log lines the app wrote. */
  logs: Array<Record<string, any>>;
}

/** The real app from the shared setup, with test-only routes added, listening on loopback; `beforeListen` runs where main.ts sets up shutdown. */
export async function startTestApp(options: { httpTimeouts?: HttpTimeouts; beforeListen?: (app: NestFastifyApplication) => void } = {}): Promise<TestApp> {
  const logs: Array<Record<string, any>> = [];
  const logger = new JsonLogger(undefined, { write: (line) => logs.push(JSON.parse(line)) });
  const app = await createGreeterApp({ logger, rootModule: AppWithTestRoutesModule, httpTimeouts: options.httpTimeouts });
  options.beforeListen?.(app);
  await app.listen(0, '127.0.0.1');
  return { app, port: (app.getHttpServer().address() as AddressInfo).port, logs };
}
