import type { APIGatewayProxyEvent } from 'aws-lambda';
import { loadAwsEvent } from '../testing/aws-event-fixtures';
import { restApiV1Source } from './api-gateway-v1';
import { InvalidEventError } from './http-message';

describe('restApiV1Source.toRequest', () => {
  it('encodes the decoded multi-value query again, keeping every value', () => {
    const event = loadAwsEvent<APIGatewayProxyEvent>('aws-lambda-go__apigw-v1-rest__apigw-request');
    event.multiValueQueryStringParameters = { name: ['Tom & Jerry'], tag: ['a', 'b'] };

    const request = restApiV1Source.toRequest(event);

    expect(request.url).toBe('/hello/world?name=Tom%20%26%20Jerry&tag=a&tag=b');
    expect(request.method).toBe('POST');
  });

  it('reads the path without the stage and merges multi-value headers over single ones', () => {
    const event = loadAwsEvent<APIGatewayProxyEvent>('powertools-ts__apigw-v1-rest__no-auth');
    event.headers = { Accept: 'text/html' };
    event.multiValueHeaders = { Accept: ['text/html', 'application/json'] };

    const request = restApiV1Source.toRequest(event);

    expect(request.url).toBe('/no-auth');
    expect(request.headers['accept']).toEqual(['text/html', 'application/json']);
  });
});

describe('restApiV1Source.toRequest, given a malformed event', () => {
  const restEvent = () => loadAwsEvent<APIGatewayProxyEvent>('powertools-ts__apigw-v1-rest__no-auth');

  it.each([
    [
      'a lone surrogate in a query value',
      { queryStringParameters: { name: '\ud800' }, multiValueQueryStringParameters: null },
      'queryStringParameters.name is not valid Unicode text',
    ],
    ['a lone surrogate in a multi-value query key', { multiValueQueryStringParameters: { ['n\udc00']: ['Ada'] } }, 'is not valid Unicode text'],
    [
      'a multi-value query value that is not a list',
      { multiValueQueryStringParameters: { name: 'Ada' } },
      'multiValueQueryStringParameters.name must be a list of strings',
    ],
    ['a list holding a number', { multiValueQueryStringParameters: { name: ['Ada', 7] } }, 'multiValueQueryStringParameters.name must be a list of strings'],
    [
      'a query map that is a string',
      { queryStringParameters: 'name=Ada', multiValueQueryStringParameters: null },
      'queryStringParameters must be an object of strings',
    ],
    ['a header value that is a number', { headers: { accept: 7 } }, 'headers.accept must be a string'],
    ['a body that is an object', { body: { name: 'Ada' } }, 'body must be a string'],
    ['isBase64Encoded that is a string', { body: 'e30=', isBase64Encoded: 'true' }, 'isBase64Encoded must be true or false'],
  ])('refuses %s with an InvalidEventError naming the field', (_what, fields, message) => {
    const event = Object.assign(restEvent(), fields);

    expect(() => restApiV1Source.toRequest(event as never)).toThrow(InvalidEventError);
    expect(() => restApiV1Source.toRequest(event as never)).toThrow(message);
  });
});

describe('restApiV1Source.toResult', () => {
  it('answers headers, with Set-Cookie values kept apart in multiValueHeaders', () => {
    const result = restApiV1Source.toResult(
      { statusCode: 201, headers: { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }, body: Buffer.from('{}') },
      {} as never,
    );

    expect(result).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/json' },
      multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
      body: '{}',
      isBase64Encoded: false,
    });
  });
});
