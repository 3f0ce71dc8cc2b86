// `nx run greeter:serve-lambda`: serves the built Lambda artifact on localhost.
// Each HTTP request becomes the API Gateway HTTP API (payload 2.0) event AWS
// would send, and the handler's result becomes the HTTP answer, so the Lambda
// path can be tried with curl or a browser.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { pathToFileURL } from 'node:url';
import { toHttpApiV2Event } from '@greeter/lambda-events';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { readServerConfig, ServerConfigError } from '../server/server-config';

type Handler = (event: unknown, context: { awsRequestId: string }) => Promise<APIGatewayProxyStructuredResultV2>;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function main(): Promise<void> {
  const config = readServerConfig({ PORT: '3001', HOST: '127.0.0.1', ...process.env });
  const artifact = process.env['LAMBDA_ARTIFACT'] ?? new URL('../lambda/index.mjs', import.meta.url).pathname;
  const { handler } = (await import(pathToFileURL(artifact).href)) as { handler: Handler };

  const server = createServer(async (request, response) => {
    const requestId = randomUUID();
    const event = toHttpApiV2Event({
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headers as Record<string, string | string[]>,
      body: await readBody(request),
      remoteAddress: request.socket.remoteAddress,
      requestId,
      host: request.headers.host,
    });
    try {
      const result = await handler(event, { awsRequestId: requestId });
      for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, String(value));
      if (result.cookies?.length) response.setHeader('set-cookie', result.cookies);
      response.statusCode = result.statusCode ?? 200;
      response.end(result.body === undefined ? '' : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'));
    } catch (error) {
      // The real runtime reports a failed invoke as a 502 from API Gateway.
      process.stderr.write(`invoke failed: ${String(error)}\n`);
      response.writeHead(502, { 'content-type': 'application/json' }).end('{"message":"Internal Server Error"}');
    }
  });
  server.listen(config.port, config.host, () => {
    process.stderr.write(`serving the Lambda artifact ${artifact} at http://${config.host}:${config.port} (API Gateway HTTP API events)\n`);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`serve-lambda: ${error instanceof ServerConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
