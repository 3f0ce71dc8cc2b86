import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { toHttpApiV2Event } from '@greeter/lambda-events';
import { AppWithTestRoutesModule } from '../testing/test-app';
import { createGreeterApp } from '../app/create-greeter-app';
import { JsonLogger } from '../app/logging/json-logger';
import { createLambdaHandler, type LambdaHandler } from './lambda-handler';

describe('createLambdaHandler', () => {
  let app: NestFastifyApplication;
  let handler: LambdaHandler;
  const logs: Array<Record<string, any>> = [];

  beforeAll(async () => {
    const logger = new JsonLogger(undefined, { write: (line) => logs.push(JSON.parse(line)) });
    app = await createGreeterApp({ logger, rootModule: AppWithTestRoutesModule });
    handler = createLambdaHandler(app.getHttpAdapter().getInstance(), logger);
  });
  afterAll(() => app.close());

  it('answers a bug with a 500 in the shape of the source, carrying the invocation id, and logs it', async () => {
    const event = toHttpApiV2Event({ method: 'GET', url: '/test-only/bug', headers: {}, requestId: 'apigw-id' });

    const result = (await handler(event, { awsRequestId: 'invocation-7' })) as Record<string, any>;

    expect(result['statusCode']).toBe(500);
    expect(result['headers']['x-request-id']).toBe('invocation-7');
    expect(JSON.parse(result['body'])).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error; quote the request id when reporting it',
      requestId: 'invocation-7',
    });
    expect(logs.find((line) => line['level'] === 'error')).toMatchObject({ requestId: 'invocation-7', stack: expect.stringContaining('TypeError') });
  });

  it('writes the X-Ray trace id of the invocation on its lines, from _X_AMZN_TRACE_ID', async () => {
    const before = logs.length;
    process.env['_X_AMZN_TRACE_ID'] = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    try {
      await handler(toHttpApiV2Event({ method: 'GET', url: '/test-only/bug', headers: {}, requestId: 'x' }), { awsRequestId: 'invocation-traced' });
    } finally {
      delete process.env['_X_AMZN_TRACE_ID'];
    }
    await handler({ name: 'Ada' }, { awsRequestId: 'invocation-untraced' });

    const lines = logs.slice(before);
    expect(lines.filter((line) => line['requestId'] === 'invocation-traced').map((line) => [line['level'], line['xrayTraceId']])).toEqual([
      ['error', '1-5759e988-bd862e3fe1be46a994272793'],
      ['info', '1-5759e988-bd862e3fe1be46a994272793'],
    ]);
    expect(lines.find((line) => line['requestId'] === 'invocation-untraced')).not.toHaveProperty('xrayTraceId');
  });

  it('answers an unknown method with a 400, as Node does on the server, not a rejection', async () => {
    const event = toHttpApiV2Event({ method: 'BREW', url: '/greet', headers: {}, requestId: 'x' });

    const result = (await handler(event, { awsRequestId: 'invocation-8' })) as Record<string, any>;

    expect(result['statusCode']).toBe(400);
    expect(JSON.parse(result['body'])).toMatchObject({ requestId: 'invocation-8' });
    expect(logs.at(-1)).toMatchObject({ msg: 'request', method: 'BREW', path: '/greet', status: 400, requestId: 'invocation-8' });
  });

  it("answers an event missing a field its source needs with the contract's 400 JSON naming the field, in the source's shape, and one log line", async () => {
    const event = toHttpApiV2Event({ method: 'GET', url: '/greet', headers: {}, requestId: 'x' });
    delete (event as Partial<typeof event>).rawPath;
    const before = logs.length;

    const result = (await handler(event, { awsRequestId: 'invocation-9' })) as Record<string, any>;

    expect(result).toMatchObject({ statusCode: 400, isBase64Encoded: false, headers: { 'x-request-id': 'invocation-9', 'x-content-type-options': 'nosniff' } });
    expect(JSON.parse(result['body'])).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('rawPath'),
      requestId: 'invocation-9',
    });
    expect(logs.slice(before)).toEqual([expect.objectContaining({ level: 'warn', msg: 'refused event', status: 400, requestId: 'invocation-9' })]);
  });

  it("answers a lone surrogate in a REST API query value (URIError when encoded) with the contract's 400, not a rejection", async () => {
    const event = {
      httpMethod: 'GET',
      path: '/greet',
      requestContext: {},
      headers: {},
      queryStringParameters: { name: '\ud800' },
      multiValueQueryStringParameters: { name: ['\ud800'] },
    };

    const result = (await handler(event, { awsRequestId: 'invocation-10' })) as Record<string, any>;

    expect(result['statusCode']).toBe(400);
    expect(JSON.parse(result['body']).message).toContain('multiValueQueryStringParameters.name is not valid Unicode text');
  });

  it('answers a direct invoke whose name has a lone surrogate with a 400 in the direct-invoke shape, and logs it', async () => {
    const before = logs.length;

    await expect(handler({ name: '\ud800' }, { awsRequestId: 'invocation-11' })).resolves.toEqual({
      statusCode: 400,
      body: 'name must be valid Unicode text (it has a lone surrogate)',
    });
    expect(logs.slice(before)).toEqual([expect.objectContaining({ msg: 'refused event', requestId: 'invocation-11' })]);
  });

  it("answers an event of no known shape with the contract's 400 JSON", async () => {
    const result = (await handler({ Records: [] }, { awsRequestId: 'invocation-12' })) as Record<string, any>;

    expect(result['statusCode']).toBe(400);
    expect(JSON.parse(result['body'])).toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/^Unsupported event: .*keys: Records$/),
      requestId: 'invocation-12',
    });
  });
});
