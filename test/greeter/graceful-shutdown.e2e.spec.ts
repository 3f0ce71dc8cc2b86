import { Agent, request } from 'node:http';
import { shutDownGracefullyOnSignals } from '../../apps/greeter/src/server/graceful-shutdown';
import { JsonLogger } from '../../apps/greeter/src/app/logging/json-logger';
import { runServerArtifactExpectingFailure, startServerArtifact } from '../support/built-artifacts';
import { slowRequest, startTestApp } from '../../apps/greeter/src/testing/test-app';

// A signal Jest does not use; process.emit runs our listener as a delivered signal would.
const SIGNAL = 'SIGUSR2';

function get(port: number, path: string, agent: Agent | false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful shutdown', () => {
  beforeEach(() => slowRequest.reset());
  afterEach(() => process.removeAllListeners(SIGNAL));

  it('lets a request in flight when the signal arrives finish with its full 200 answer over a keep-alive connection, refuses new connections, then exits 0', async () => {
    const { app, port } = await startTestApp();
    const exitCodes: number[] = [];
    const exited = new Promise<void>((resolve) => {
      shutDownGracefullyOnSignals(app, { timeoutMs: 5_000, logger: new JsonLogger('silent', { write: () => undefined }), signals: [SIGNAL], exit: (code) => (exitCodes.push(code), resolve()) });
    });
    const inFlight = get(port, '/test-only/slow', new Agent({ keepAlive: true }));
    await slowRequest.arrived.promise;

    process.emit(SIGNAL);
    await new Promise((r) => setTimeout(r, 50));
    const newConnection = get(port, '/health', false);
    await expect(newConnection).rejects.toThrow(/ECONNREFUSED/);
    expect(exitCodes).toEqual([]);
    slowRequest.release.resolve();

    await expect(inFlight).resolves.toEqual({ status: 200, body: '{"message":"finished"}' });
    await exited;
    expect(exitCodes).toEqual([0]);
  });

  it('exits 1 when requests are still in flight at the timeout', async () => {
    const { app, port } = await startTestApp();
    const exited = new Promise<number>((resolve) => {
      shutDownGracefullyOnSignals(app, { timeoutMs: 200, logger: new JsonLogger('silent', { write: () => undefined }), signals: [SIGNAL], exit: resolve });
    });
    const inFlight = get(port, '/test-only/slow', false).catch(() => undefined);
    await slowRequest.arrived.promise;

    process.emit(SIGNAL);

    expect(await exited).toBe(1);
    slowRequest.release.resolve();
    await inFlight;
  });
});

describe('the built server artifact', () => {
  it('exits 0 on SIGTERM, even with an idle keep-alive connection open', async () => {
    const server = await startServerArtifact();
    await get(server.port, '/health', new Agent({ keepAlive: true }));

    server.process.kill('SIGTERM');

    expect(await server.exited).toBe(0);
    expect(server.output.join('\n')).toContain('"msg":"stopped"');
    await server.stop();
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535 \(got "eighty"\)/],
    [{ PORT: '70000' }, /PORT must be a whole number from 0 to 65535/],
    [{ HOST: 'not a host!' }, /HOST must be an IP address or host name/],
    [{ SHUTDOWN_TIMEOUT_MS: '-5' }, /SHUTDOWN_TIMEOUT_MS must be a whole number from 1 to 600000/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of debug, info, warn, error, fatal, silent \(got "loud"\)/],
  ])('refuses to start with %p, naming the variable', async (env, message) => {
    const { code, stderr } = await runServerArtifactExpectingFailure(env);

    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
