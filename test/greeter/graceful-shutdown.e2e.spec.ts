import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { shutDownGracefullyOnSignals } from '../../apps/greeter/src/server/graceful-shutdown';
import { JsonLogger } from '../../apps/greeter/src/app/logging/json-logger';
import { slowRequest, startTestApp, type TestApp } from '../../apps/greeter/src/testing/test-app';
import { runServerArtifactExpectingFailure, type ServerArtifact, startServerArtifact } from '../support/built-artifacts';

// A signal Jest does not use; process.emit runs our listener as a delivered signal would.
const SIGNAL = 'SIGUSR2';
// Every wait below is bounded: a failing assertion must fail the test, never hang Jest.
const TEST_TIMEOUT_MS = 10_000;

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

function get(port: number, path: string, agent: Agent | false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${path} within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

function closeOf(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
}

/** Resolves with `promise`, or rejects after `ms` saying what did not happen. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('graceful shutdown', () => {
  let testApp: TestApp | undefined;
  let exited: Promise<number>;
  const clients: Array<Agent | Socket> = [];

  /** Starts the test app with shutdown set up as main.ts does; `exited` resolves with the first exit code. */
  async function startWithShutdown(drainMs: number, timeoutMs: number): Promise<TestApp> {
    let onExit!: (code: number) => void;
    exited = new Promise<number>((resolve) => (onExit = resolve));
    testApp = await startTestApp({
      beforeListen: (app) =>
        shutDownGracefullyOnSignals(app, { drainMs, timeoutMs, logger: new JsonLogger('silent', { write: () => undefined }), signals: [SIGNAL], exit: onExit }),
    });
    return testApp;
  }

  beforeEach(() => slowRequest.reset());
  afterEach(async () => {
    // Whatever an assertion did, release the held request and close everything, so that Jest never waits on them.
    slowRequest.release.resolve();
    process.removeAllListeners(SIGNAL);
    for (const client of clients.splice(0)) client.destroy();
    await within(5_000, 'closing the app', testApp?.app.close().catch(() => undefined) ?? Promise.resolve()).catch(() => undefined);
    testApp = undefined;
  });

  it(
    'answers a request in flight when the signal arrives in full, with Connection: close, refuses new connections, then exits 0',
    async () => {
      const { port } = await startWithShutdown(0, 5_000);
      const agent = new Agent({ keepAlive: true });
      clients.push(agent);
      const inFlight = get(port, '/test-only/slow', agent);
      await within(2_000, 'the slow request arriving', slowRequest.arrived.promise);

      process.emit(SIGNAL);
      await new Promise((r) => setTimeout(r, 50));
      await expect(get(port, '/health', false)).rejects.toThrow(/ECONNREFUSED/);
      slowRequest.release.resolve();

      await expect(inFlight).resolves.toEqual({ status: 200, connection: 'close', body: '{"message":"finished"}' });
      expect(await within(2_000, 'exit', exited)).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'ends a keep-alive connection whose answer was already under way at the signal once that answer is written, and exits 0',
    async () => {
      const { port } = await startWithShutdown(0, 60_000);
      const agent = new Agent({ keepAlive: true });
      clients.push(agent);
      const underWay = get(port, '/test-only/slow-stream', agent);
      await within(2_000, 'the streaming request arriving', slowRequest.arrived.promise);

      process.emit(SIGNAL);
      slowRequest.release.resolve();

      await expect(underWay).resolves.toMatchObject({ status: 200, body: 'halfdone' });
      expect(await within(1_000, 'exit', exited)).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'closes idle keep-alive connections and connections that never sent a byte at once, and exits 0 without waiting for the timeout',
    async () => {
      const { port } = await startWithShutdown(0, 60_000);
      const neverWritten = await openSocket(port);
      const agent = new Agent({ keepAlive: true });
      clients.push(neverWritten, agent);
      await get(port, '/health', agent);

      process.emit(SIGNAL);

      await within(1_000, 'the never-written connection closing', closeOf(neverWritten));
      expect(await within(1_000, 'exit', exited)).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'during the drain, reports 503 on /health while serving everything else, each answer with Connection: close; then stops listening',
    async () => {
      const { port } = await startWithShutdown(400, 5_000);
      // Keep-alive clients: they ask to keep the connection, so `close` is the server's word.
      const agent = new Agent({ keepAlive: true });
      clients.push(agent);

      process.emit(SIGNAL);

      await expect(get(port, '/health', agent)).resolves.toEqual({ status: 503, connection: 'close', body: '{"status":"shutting_down"}' });
      await expect(get(port, '/greet?name=Ada', agent)).resolves.toEqual({ status: 200, connection: 'close', body: '{"message":"Hello, Ada!"}' });
      expect(await within(2_000, 'exit', exited)).toBe(0);
      await expect(get(port, '/health', false)).rejects.toThrow(/ECONNREFUSED/);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'exits 1 when requests are still in flight after the drain and the timeout',
    async () => {
      const { port } = await startWithShutdown(50, 200);
      const inFlight = get(port, '/test-only/slow', false).catch(() => undefined);
      await within(2_000, 'the slow request arriving', slowRequest.arrived.promise);

      process.emit(SIGNAL);

      expect(await within(2_000, 'exit', exited)).toBe(1);
      slowRequest.release.resolve();
      await inFlight;
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'exits 1 at once on a second signal',
    async () => {
      const { port } = await startWithShutdown(0, 60_000);
      const inFlight = get(port, '/test-only/slow', false).catch(() => undefined);
      await within(2_000, 'the slow request arriving', slowRequest.arrived.promise);

      process.emit(SIGNAL);
      process.emit(SIGNAL);

      expect(await within(1_000, 'exit', exited)).toBe(1);
      slowRequest.release.resolve();
      await inFlight;
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the built server artifact', () => {
  let server: ServerArtifact | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it(
    'exits 0 on SIGTERM at once, even with an idle keep-alive connection and one that never sent a byte open',
    async () => {
      server = await startServerArtifact();
      const agent = new Agent({ keepAlive: true });
      const neverWritten = await openSocket(server.port);
      try {
        await get(server.port, '/health', agent);

        server.process.kill('SIGTERM');

        expect(await within(2_000, 'exit', server.exited)).toBe(0);
        expect(server.output.join('\n')).toContain('"msg":"stopped"');
      } finally {
        agent.destroy();
        neverWritten.destroy();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535 \(got "eighty"\)/],
    [{ PORT: '70000' }, /PORT must be a whole number from 0 to 65535/],
    [{ HOST: 'not a host!' }, /HOST must be an IP address or host name/],
    [{ SHUTDOWN_TIMEOUT_MS: '-5' }, /SHUTDOWN_TIMEOUT_MS must be a whole number from 1 to 600000/],
    [{ SHUTDOWN_DRAIN_MS: 'soon' }, /SHUTDOWN_DRAIN_MS must be a whole number from 0 to 600000 \(got "soon"\)/],
    [{ KEEP_ALIVE_TIMEOUT_MS: '65s' }, /KEEP_ALIVE_TIMEOUT_MS must be a whole number from 1000 to 3600000/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of debug, info, warn, error, fatal, silent \(got "loud"\)/],
  ])('refuses to start with %p, naming the variable', async (env, message) => {
    const { code, stderr } = await runServerArtifactExpectingFailure(env);

    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
