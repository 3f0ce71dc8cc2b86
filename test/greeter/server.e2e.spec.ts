import { connect } from 'node:net';
import request from 'supertest';
import { ShutdownState } from '../../apps/greeter/src/app/health/shutdown-state';
import { startTestApp, type TestApp } from '../../apps/greeter/src/testing/test-app';

let testApp: TestApp;
const http = () => request(testApp.app.getHttpServer());

beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp?.app.close());

describe('the standalone server', () => {
  it('greets over a real socket', async () => {
    const response = await http().get('/greet?name=Ada').expect(200);

    expect(response.body).toEqual({ message: 'Hello, Ada!' });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('writes exactly one JSON log line per request, without the query', async () => {
    const before = testApp.logs.length;

    const response = await http().get('/greet?name=Secret%20Person').expect(200);

    const lines = testApp.logs.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/greet', status: 200, requestId: response.headers['x-request-id'] });
    expect(typeof lines[0]!['durationMs']).toBe('number');
    expect(JSON.stringify(lines[0])).not.toContain('Secret');
  });

  it('turns a thrown bug into a 500 JSON body with the request id, and logs the details', async () => {
    const before = testApp.logs.length;

    const response = await http().get('/test-only/bug').expect(500);

    expect(response.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error; quote the request id when reporting it',
      requestId: response.headers['x-request-id'],
    });
    expect(response.text).not.toMatch(/secret|internal\.ts|TypeError/);
    const errorLine = testApp.logs.slice(before).find((line) => line['level'] === 'error');
    expect(errorLine).toMatchObject({ msg: expect.stringContaining('secret'), requestId: response.headers['x-request-id'] });
    expect(errorLine!['stack']).toContain('TypeError');
  });

  it("keeps a caller's safe x-request-id and replaces one that could forge log lines", async () => {
    const kept = await http().get('/health').set('x-request-id', 'trace-abc.123').expect(200);
    const replaced = await http().get('/health').set('x-request-id', 'x"}\\n{"level":"error').expect(200);

    expect(kept.headers['x-request-id']).toBe('trace-abc.123');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a request body larger than the API takes', async () => {
    const response = await http()
      .post('/greet')
      .set('content-type', 'application/json')
      .send(`"${'x'.repeat(20_000)}"`);

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413, requestId: response.headers['x-request-id'] });
  });

  it('answers raw non-ASCII bytes in a query, which Node refuses to parse, with a JSON 400 that says to percent-encode', async () => {
    const { port } = testApp;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(Buffer.concat([Buffer.from('GET /greet?name='), Buffer.from('Ölçü', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });

    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(head).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/i);
    expect(head).toMatch(/\r\nCache-Control: no-store\r\n/i);
    expect(head).toMatch(/\r\nx-request-id: [0-9a-f-]{36}\r\n/);
    expect(JSON.parse(body!)).toMatchObject({ statusCode: 400, message: expect.stringContaining('percent-encoded') });
  });

  it('reports 503 on /health once shutdown has begun', async () => {
    await http().get('/health').expect(200, { status: 'ok' });

    testApp.app.get(ShutdownState).begin();

    await http().get('/health').expect(503, { status: 'shutting_down' });
  });
});
