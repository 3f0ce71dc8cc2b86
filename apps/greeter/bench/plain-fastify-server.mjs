// The standalone baseline: plain Fastify answering the same route, nothing else.
// With GREETER_FIXED_HEADERS set (by bench.mjs, read from one of the greeter's
// answers), it also sends those headers and does nothing more: what the
// greeter's security headers alone cost any Node.js server.
import Fastify from 'fastify';

const FIXED_HEADERS = JSON.parse(process.env.GREETER_FIXED_HEADERS ?? 'null');

const app = Fastify({ logger: false });
app.get('/greet', async (request, reply) => {
  if (FIXED_HEADERS !== null) reply.headers(FIXED_HEADERS);
  return { message: `Hello, ${request.query.name || 'World'}!` };
});
app.get('/health', async () => ({ status: 'ok' }));
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ msg: 'listening', port: Number(new URL(address).port) })}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
