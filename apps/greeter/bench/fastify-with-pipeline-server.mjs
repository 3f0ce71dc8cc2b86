// A second standalone baseline: plain Fastify doing the same per-request work as
// the greeter's production pipeline (its security headers, a UUID request id, one
// JSON access-log line), without NestJS. It separates what the pipeline costs
// from what NestJS costs.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

// The fixed headers the greeter adds to every answer (its security headers),
// read by bench.mjs from one of the greeter's own answers, so the two send the same.
const FIXED_HEADERS = JSON.parse(process.env.GREETER_FIXED_HEADERS ?? 'null');
if (FIXED_HEADERS === null) {
  process.stderr.write('fastify-with-pipeline-server.mjs is run by bench.mjs, which sets GREETER_FIXED_HEADERS\n');
  process.exit(2);
}

// Batched as the greeter batches its access log (src/app/logging/batched-stdout.ts):
// every 10 ms, or at once when 16 KiB are pending.
let pending = [];
let pendingChars = 0;
let timer;
const flush = () => {
  clearTimeout(timer);
  timer = undefined;
  process.stdout.write(pending.join(''));
  pending = [];
  pendingChars = 0;
};

process.once('exit', flush);

const app = Fastify({ logger: false, genReqId: () => randomUUID() });
app.addHook('onRequest', (request, reply, done) => {
  reply.headers(FIXED_HEADERS);
  reply.header('x-request-id', request.id);
  done();
});
app.addHook('onResponse', (request, reply, done) => {
  const path = request.url.split('?')[0];
  const line = `{"time":"${new Date().toISOString()}","level":"info","msg":"request","method":"${request.method}","path":${JSON.stringify(path)},"status":${reply.statusCode},"durationMs":${Math.round(reply.elapsedTime * 100) / 100},"requestId":${JSON.stringify(request.id)}}\n`;
  pending.push(line);
  pendingChars += line.length;
  if (pendingChars >= 16 * 1024) flush();
  else timer ??= setTimeout(flush, 10).unref();
  done();
});
app.get('/greet', async (request) => ({ message: `Hello, ${request.query.name || 'World'}!` }));
app.get('/health', async () => ({ status: 'ok' }));
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ msg: 'listening', port: Number(new URL(address).port) })}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
