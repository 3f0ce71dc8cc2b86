// The API Gateway HTTP API (payload 2.0) event for GET /greet?name=Ada, made from a real fixture.
import { readFileSync } from 'node:fs';

const FIXTURE = new URL('../../../test/fixtures/aws-events/powertools-ts__apigw-v2-http__no-auth.json', import.meta.url);

export function greetAdaEvent() {
  const event = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  event.rawPath = '/greet';
  event.rawQueryString = 'name=Ada';
  event.queryStringParameters = { name: 'Ada' };
  event.requestContext.http.method = 'GET';
  event.requestContext.http.path = '/greet';
  return event;
}

export const EXPECTED_BODY = '{"message":"Hello, Ada!"}';

/** Throws unless the handler's result is the greeting: a benchmark only times correct answers. */
export function assertGreeting(result) {
  if (!result || result.statusCode !== 200 || result.body !== EXPECTED_BODY) {
    throw new Error(`wrong answer: ${JSON.stringify(result).slice(0, 300)}`);
  }
}
