import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadAwsEvent } from '../testing/aws-event-fixtures';
import { httpApiV2Source, toHttpApiV2Event } from './api-gateway-v2';
import { InvalidEventError } from './http-message';

const json = (body: string, headers: Record<string, string | string[]> = {}) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: Buffer.from(body),
});

describe('httpApiV2Source.toRequest', () => {
  it('keeps the raw query string, so repeated keys stay repeated and commas stay in values', () => {
    const event = loadAwsEvent<APIGatewayProxyEventV2>('aws-lambda-go__apigw-v2-http__apigw-v2-request-no-authorizer');
    event.rawPath = '/greet';
    event.rawQueryString = 'name=Lovelace,%20Ada&tag=a&tag=b';

    const request = httpApiV2Source.toRequest(event);

    expect(request.url).toBe('/greet?name=Lovelace,%20Ada&tag=a&tag=b');
    expect(request.method).toBe('GET');
  });

  it('re-encodes the decoded path an HTTP API hands over, so a literal "?" stays in the path', () => {
    const event = loadAwsEvent<APIGatewayProxyEventV2>('powertools-ts__apigw-v2-http__no-auth');
    event.rawPath = '/files/a b?c#d%';
    event.rawQueryString = '';

    expect(httpApiV2Source.toRequest(event).url).toBe('/files/a%20b%3Fc%23d%25');
  });

  it('leaves a function URL path as sent, since function URLs do not decode it', () => {
    const event = loadAwsEvent<APIGatewayProxyEventV2>('powertools-ts__function-url__get-request');
    event.rawPath = '/caf%C3%A9';

    expect(httpApiV2Source.toRequest(event).url).toBe('/caf%C3%A9');
  });

  it('percent-encodes unencoded non-ASCII text in the query', () => {
    const event = loadAwsEvent<APIGatewayProxyEventV2>('powertools-ts__apigw-v2-http__no-auth');
    event.rawQueryString = 'name=李雷';

    expect(httpApiV2Source.toRequest(event).url).toBe('/lambda?name=%E6%9D%8E%E9%9B%B7');
  });

  it('joins cookies into one cookie header and decodes a base64 body', () => {
    const event = loadAwsEvent<APIGatewayProxyEventV2>('aws-lambda-go__function-url__lambda-urls-request');
    event.body = Buffer.from('{"a":1}').toString('base64');
    event.isBase64Encoded = true;

    const request = httpApiV2Source.toRequest(event);

    expect(request.headers['cookie']).toBe(event.cookies!.join('; '));
    expect(request.body?.toString()).toBe('{"a":1}');
    expect(request.remoteAddress).toBe(event.requestContext.http.sourceIp);
  });

  it('refuses an event without rawPath with a message naming the field', () => {
    const event = loadAwsEvent<APIGatewayProxyEventV2>('powertools-ts__function-url__invalid--INTENTIONALLY-INVALID');

    expect(() => httpApiV2Source.toRequest(event)).toThrow(InvalidEventError);
    expect(() => httpApiV2Source.toRequest(event)).toThrow(/rawPath/);
  });
});

describe('httpApiV2Source.toResult', () => {
  it('moves Set-Cookie into cookies and drops hop-by-hop headers', () => {
    const result = httpApiV2Source.toResult(
      json('{}', { 'set-cookie': ['a=1', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT'], connection: 'keep-alive' }),
      {} as never,
    );

    expect(result).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      cookies: ['a=1', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT'],
      body: '{}',
      isBase64Encoded: false,
    });
  });

  it('base64-encodes a binary body', () => {
    const result = httpApiV2Source.toResult({ statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([0, 255]) }, {} as never);

    expect(result).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
  });
});

describe('toHttpApiV2Event', () => {
  it('builds an event that toRequest reads back to the same request', () => {
    const event = toHttpApiV2Event({ method: 'GET', url: '/greet?name=Zo%C3%AB&x=1&x=2', headers: { Host: 'h' }, requestId: 'r-1' });

    expect(event.rawPath).toBe('/greet');
    expect(event.queryStringParameters).toEqual({ name: 'Zoë', x: '1,2' });
    expect(httpApiV2Source.matches(event as never)).toBe(true);
    expect(httpApiV2Source.toRequest(event).url).toBe('/greet?name=Zo%C3%AB&x=1&x=2');
  });
});
