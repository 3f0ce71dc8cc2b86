// The standalone baseline: plain Fastify answering the same route, nothing else.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/greet', async (request) => ({ message: `Hello, ${request.query.name || 'World'}!` }));
app.get('/health', async () => ({ status: 'ok' }));
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ msg: 'listening', port: Number(new URL(address).port) })}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
