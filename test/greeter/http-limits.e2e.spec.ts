import { startTestApp, type TestApp } from '../../apps/greeter/src/testing/test-app';
import { startServerArtifact } from '../support/built-artifacts';
import { parseRawAnswer, rawExchange } from '../support/raw-http';

// Short, so that the timeouts show within a test; the server's real ones are in http-limits.ts.
const HTTP_TIMEOUTS = { keepAliveTimeoutMs: 1_500, headersTimeoutMs: 400, requestTimeoutMs: 600 };
const TEN_MB = 10 * 1024 * 1024;

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ httpTimeouts: HTTP_TIMEOUTS });
});
afterAll(() => testApp?.app.close());

/** Sends `raw`, expects the app's own JSON error answer (body, security headers, request id, log line) and the connection closed. */
async function expectJsonError(raw: string, status: number, message: RegExp, timeoutMs = 3_000): Promise<void> {
  const before = testApp.logs.length;

  const { text, closedByServer } = await rawExchange(testApp.port, raw, timeoutMs);

  const answer = parseRawAnswer(text);
  expect(answer.status).toBe(status);
  expect(answer.headers).toMatchObject({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'close',
  });
  const body = JSON.parse(answer.body);
  expect(body).toMatchObject({ statusCode: status, message: expect.stringMatching(message), requestId: answer.headers['x-request-id'] });
  expect(testApp.logs.slice(before)).toContainEqual(expect.objectContaining({ status, requestId: answer.headers['x-request-id'] }));
  expect(closedByServer).toBe(true);
}

describe('what Node refuses before the app runs, answered in the contract', () => {
  it('an HTTP/1.1 request without Host', async () => {
    await expectJsonError('GET /greet?name=Ada HTTP/1.1\r\n\r\n', 400, /no Host header/);
  });

  it('bad framing: Content-Length and Transfer-Encoding together', async () => {
    await expectJsonError('POST /greet HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, /not valid HTTP/);
  });

  it('a broken chunked body: no route reads bodies, so the app answers from the headers and closes the connection', async () => {
    await expectJsonError('POST /greet HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n', 404, /No route for POST \/greet/);
  });

  it("headers over Node's 16 KiB limit: 431", async () => {
    await expectJsonError(`GET /greet HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`, 431, /headers are too large/);
  });

  it('headers that never finish: 408 once the headers timeout passes', async () => {
    await expectJsonError('GET /greet HTTP/1.1\r\nHost: x\r\nX-Slow: ', 408, /not received in time/);
  });

  it('a body trickled too slowly: 408 once the request timeout passes', async () => {
    await expectJsonError('POST /greet HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a', 408, /not received in time/);
  });
});

describe('request bodies, which no route takes', () => {
  it.each(['GET', 'POST', 'DELETE', 'OPTIONS'])('a %s declaring a 10 MB body gets a 413 at once, without the body being sent or read', async (method) => {
    await expectJsonError(
      `${method} /greet HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${TEN_MB}\r\n\r\n`,
      413,
      /larger than 16384 bytes/,
    );
  });

  it('a 10 MB body announced with Expect: 100-continue is refused, not invited', async () => {
    const { text } = await rawExchange(testApp.port, `POST /nope HTTP/1.1\r\nHost: x\r\nContent-Length: ${TEN_MB}\r\nExpect: 100-continue\r\n\r\n`);

    expect(text).not.toContain('100 Continue');
    expect(parseRawAnswer(text).status).toBe(413);
  });

  it('a small body is still invited with 100 Continue, and its answer closes the connection', async () => {
    const { text, closedByServer } = await rawExchange(
      testApp.port,
      'POST /nope HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n{}',
    );

    expect(text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 404 /);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(closedByServer).toBe(true);
  });
});

describe('keep-alive', () => {
  it('keeps an idle connection open past the headers timeout, closes it after the keep-alive timeout, and announces that timeout', async () => {
    const started = Date.now();

    const { text, closedByServer } = await rawExchange(testApp.port, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n', 5_000);

    const openFor = Date.now() - started;
    expect(parseRawAnswer(text).headers).toMatchObject({ connection: 'keep-alive', 'keep-alive': 'timeout=1' });
    expect(closedByServer).toBe(true);
    expect(openFor).toBeGreaterThanOrEqual(HTTP_TIMEOUTS.keepAliveTimeoutMs);
  });
});

describe('the built server artifact', () => {
  it.each([
    [{}, 'timeout=65'],
    [{ KEEP_ALIVE_TIMEOUT_MS: '75000' }, 'timeout=75'],
  ])('with %p keeps idle connections open longer than the ALB (60 s), announcing %s', async (env, announced) => {
    const server = await startServerArtifact(env);
    try {
      const { text } = await rawExchange(server.port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n', 300);

      expect(parseRawAnswer(text).headers['keep-alive']).toBe(announced);
    } finally {
      await server.stop();
    }
  });
});
