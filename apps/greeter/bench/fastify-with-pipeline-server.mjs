// A second standalone baseline: plain Fastify doing the same per-request work as
// the greeter's production pipeline (helmet's headers, a UUID request id, one
// JSON access-log line), without NestJS. It separates what the pipeline costs
// from what NestJS costs.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

let pending = [];
let scheduled = false;
const flush = () => {
  scheduled = false;
  process.stdout.write(pending.join(''));
  pending = [];
};

const app = Fastify({ logger: false, genReqId: () => randomUUID() });
app.addHook('onRequest', (request, reply, done) => {
  reply.headers(SECURITY_HEADERS);
  reply.header('x-request-id', request.id);
  done();
});
app.addHook('onResponse', (request, reply, done) => {
  const path = request.url.split('?')[0];
  pending.push(
    `{"time":"${new Date().toISOString()}","level":"info","msg":"request","method":"${request.method}","path":${JSON.stringify(path)},"status":${reply.statusCode},"durationMs":${Math.round(reply.elapsedTime * 100) / 100},"requestId":${JSON.stringify(request.id)}}\n`,
  );
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
  done();
});
app.get('/greet', async (request) => ({ message: `Hello, ${request.query.name || 'World'}!` }));
app.get('/health', async () => ({ status: 'ok' }));
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ msg: 'listening', port: Number(new URL(address).port) })}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
