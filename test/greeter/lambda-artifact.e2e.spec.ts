import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { awsEventFiles, loadAwsEvent } from '../../libs/lambda-events/src/testing/aws-event-fixtures';
import { LAMBDA_ZIP, type LambdaArtifact, loadLambdaArtifactExpectingFailure, startLambdaArtifact } from '../support/built-artifacts';

let lambda: LambdaArtifact;
beforeAll(async () => {
  lambda = await startLambdaArtifact();
});
afterAll(() => lambda?.stop());

interface SourceCase {
  kinds: string[];
  /** Narrows the fixtures of those kinds by content (one 'alb' fixture is in multi-value mode). */
  accepts?(event: any): boolean;
  /** The keys the result must have for this source, and the ones it must not. */
  shape: { has: string[]; lacks: string[] };
  pathOf(event: any): string;
  /** Points the event at GET /greet?name=Ada in the source's own fields. */
  askForAda(event: any): void;
}

const SOURCES: Record<string, SourceCase> = {
  'HTTP API v2 and function URL': {
    kinds: ['apigw-v2-http', 'function-url'],
    shape: { has: ['statusCode', 'headers', 'body', 'isBase64Encoded'], lacks: ['multiValueHeaders', 'statusDescription'] },
    pathOf: (event) => event.rawPath,
    askForAda: (event) => {
      event.rawPath = '/greet';
      event.rawQueryString = 'name=Ada';
      event.queryStringParameters = { name: 'Ada' };
      event.requestContext.http.method = 'GET';
    },
  },
  'REST API v1': {
    kinds: ['apigw-v1-rest'],
    shape: { has: ['statusCode', 'headers', 'body', 'isBase64Encoded'], lacks: ['cookies', 'statusDescription'] },
    pathOf: (event) => event.path,
    askForAda: (event) => {
      event.path = '/greet';
      event.httpMethod = 'GET';
      event.queryStringParameters = { name: 'Ada' };
      event.multiValueQueryStringParameters = { name: ['Ada'] };
    },
  },
  'ALB, single-value headers': {
    kinds: ['alb', 'alb-multivalue'],
    accepts: (event) => !('multiValueHeaders' in event),
    shape: { has: ['statusCode', 'statusDescription', 'headers', 'body'], lacks: ['multiValueHeaders'] },
    pathOf: (event) => event.path,
    askForAda: (event) => {
      event.path = '/greet';
      event.httpMethod = 'GET';
      event.queryStringParameters = { name: 'Ada' };
    },
  },
  'ALB, multi-value headers': {
    kinds: ['alb', 'alb-multivalue'],
    accepts: (event) => 'multiValueHeaders' in event,
    shape: { has: ['statusCode', 'statusDescription', 'multiValueHeaders', 'body'], lacks: ['headers'] },
    pathOf: (event) => event.path,
    askForAda: (event) => {
      event.path = '/greet';
      event.httpMethod = 'GET';
      event.multiValueQueryStringParameters = { name: ['Ada'] };
    },
  },
};

function headerOf(result: any, name: string): string | undefined {
  return result.headers?.[name] ?? result.multiValueHeaders?.[name]?.join(', ');
}

describe('the built Lambda artifact', () => {
  it('is one ESM file, index.mjs, whose handler is async and takes (event, context)', () => {
    expect(Object.keys(unzipSync(readFileSync(LAMBDA_ZIP)))).toEqual(['index.mjs']);
    expect(lambda.handlerShape).toEqual({ kind: 'AsyncFunction', arity: 2 });
  });

  // Cold-start work the build defers to first use; times are measured by `npm run bench`, not here.
  it("builds no Intl date formatter while it starts (Nest's loggers would, loading ICU's locale data)", () => {
    expect(lambda.startUp.dateTimeFormatters).toBe(0);
    expect(lambda.startUp.builtins).toContain('http');
  });

  describe.each(Object.entries(SOURCES))('with real %s events', (_source, source) => {
    const files = awsEventFiles(...source.kinds)
      .filter((file) => !file.includes('INTENTIONALLY-INVALID'))
      .filter((file) => source.accepts?.(loadAwsEvent(file)) ?? true);

    it('has fixtures to run', () => expect(files.length).toBeGreaterThan(0));

    it.each(files)('answers %s as sent: a 404 naming the path it read, in the shape of its source', async (file) => {
      const event = loadAwsEvent(file);

      const result = await lambda.invoke(event, { awsRequestId: `fixture-${file}` });

      for (const key of source.shape.has) expect(result).toHaveProperty(key);
      for (const key of source.shape.lacks) expect(result).not.toHaveProperty(key);
      expect(result.statusCode).toBe(404);
      expect(JSON.parse(result.body).message).toMatch(new RegExp(` ${source.pathOf(event).replace(/[/.]/g, '\\$&')}$`));
      expect(headerOf(result, 'x-request-id')).toBe(`fixture-${file}`);
      expect(headerOf(result, 'x-content-type-options')).toBe('nosniff');
      expect(headerOf(result, 'cache-control')).toBe('no-store');
    });

    it.each(files)('greets Ada from %s pointed at /greet?name=Ada', async (file) => {
      const event = loadAwsEvent(file);
      source.askForAda(event);

      const result = await lambda.invoke(event);

      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body)).toEqual({ message: 'Hello, Ada!' });
      expect(headerOf(result, 'content-type')).toBe('application/json; charset=utf-8');
    });
  });

  it('fails its init phase on a bad LOG_LEVEL, naming the variable and the levels it takes', async () => {
    const { code, stderr } = await loadLambdaArtifactExpectingFailure({ LOG_LEVEL: 'loud' });

    expect(code).not.toBe(0);
    expect(stderr).toContain('Invalid configuration: LOG_LEVEL must be one of debug, info, warn, error, fatal, silent (got "loud")');
  });

  describe('invoked directly', () => {
    it('keeps the original contract: {"name":"Ada"} answers exactly {"statusCode":200,"body":"Hello, Ada!"}', async () => {
      expect(await lambda.invoke({ name: 'Ada' })).toEqual({ statusCode: 200, body: 'Hello, Ada!' });
    });

    it('greets the world for {}', async () => {
      expect(await lambda.invoke({})).toEqual({ statusCode: 200, body: 'Hello, World!' });
    });

    it('applies the same validation as HTTP', async () => {
      expect(await lambda.invoke({ name: 'x'.repeat(101) })).toEqual({ statusCode: 400, body: 'name must be at most 100 characters' });
      expect(await lambda.invoke({ name: 42 })).toEqual({ statusCode: 400, body: 'name must be a string' });
      expect(await lambda.invoke({ name: 'a\u0007' })).toEqual({ statusCode: 400, body: 'name must not contain control characters' });
    });
  });

  describe('given an event of no known shape', () => {
    const notHttp = awsEventFiles('apigw-v1-authorizer-REQUEST', 'apigw-v1-authorizer-TOKEN', 'apigw-v2-authorizer-REQUEST');

    const events: Array<[string, unknown]> = [
      ...notHttp.map((file): [string, unknown] => [file, loadAwsEvent(file)]),
      ['an SQS batch', { Records: [{ body: 'x' }] }],
      ['null', null],
      ['a string', 'hello'],
    ];

    it.each(events)("answers %s with the contract's 400 JSON, saying which events it answers", async (_what, event) => {
      const result = await lambda.invoke(event, { awsRequestId: 'unsupported' });

      expect(result.statusCode).toBe(400);
      expect(result.headers['x-content-type-options']).toBe('nosniff');
      expect(JSON.parse(result.body)).toMatchObject({
        statusCode: 400,
        message: expect.stringMatching(/^Unsupported event: this function answers API Gateway HTTP API/),
        requestId: 'unsupported',
      });
    });

    it.each(awsEventFiles('apigw-v1-rest', 'apigw-v2-http', 'function-url').filter((f) => f.includes('INTENTIONALLY-INVALID')))(
      'answers the malformed %s with a result, never a hang or a crash',
      async (file) => {
        const result = await lambda.invoke(loadAwsEvent(file));

        expect(typeof result.statusCode).toBe('number');
        expect(result.statusCode).toBeGreaterThanOrEqual(400);
      },
    );
  });

  it('writes exactly one JSON log line per HTTP invoke, before it returns (Lambda may freeze it right after)', async () => {
    const { logs } = await lambda.invokeWithLogs(loadAwsEvent('powertools-ts__apigw-v2-http__no-auth'), { awsRequestId: 'log-check' });

    const lines = logs.filter((line) => line.includes('"log-check"'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'request', method: 'POST', path: '/lambda', status: 404, requestId: 'log-check' });
  });
});
