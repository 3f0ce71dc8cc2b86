import type { ALBEvent } from 'aws-lambda';
import { loadAwsEvent } from '../testing/aws-event-fixtures';
import { albSource, isMultiValueAlbEvent } from './alb';

const answer = { statusCode: 404, headers: { 'content-type': 'application/json', 'x-request-id': 'r' }, body: Buffer.from('{}') };

describe('albSource', () => {
  it('passes the query on exactly as the ALB received it, still percent-encoded', () => {
    const event = loadAwsEvent<ALBEvent>('powertools-ts__alb__base');
    event.queryStringParameters = { name: 'Zo%C3%AB' };

    expect(albSource.toRequest(event).url).toBe('/lambda?name=Zo%C3%AB');
  });

  it('keeps every value of a repeated parameter in multi-value mode', () => {
    const event = loadAwsEvent<ALBEvent>('aws-lambda-go__alb-multivalue__alb-lambda-target-request-multivalue-headers');
    event.multiValueQueryStringParameters = { name: ['a', 'b'] };

    expect(albSource.toRequest(event).url).toBe('/?name=a&name=b');
  });

  it('answers in single-value mode with headers and a status description', () => {
    const event = loadAwsEvent<ALBEvent>('powertools-ts__alb__base');

    expect(isMultiValueAlbEvent(event)).toBe(false);
    expect(albSource.toResult(answer, event)).toEqual({
      statusCode: 404,
      statusDescription: '404 Not Found',
      headers: { 'content-type': 'application/json', 'x-request-id': 'r' },
      body: '{}',
      isBase64Encoded: false,
    });
  });

  it('answers in multi-value mode with only multiValueHeaders, as the target group expects', () => {
    const event = loadAwsEvent<ALBEvent>('powertools-ts__alb__multi-fields');

    const result = albSource.toResult(answer, event);

    expect(isMultiValueAlbEvent(event)).toBe(true);
    expect(result).toEqual({
      statusCode: 404,
      statusDescription: '404 Not Found',
      multiValueHeaders: { 'content-type': ['application/json'], 'x-request-id': ['r'] },
      body: '{}',
      isBase64Encoded: false,
    });
    expect(result).not.toHaveProperty('headers');
  });
});
