import type { APIGatewayProxyEvent } from 'aws-lambda';
import { loadAwsEvent } from '../testing/aws-event-fixtures';
import { restApiV1Source } from './api-gateway-v1';

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
