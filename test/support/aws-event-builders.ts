import type { ALBEvent, APIGatewayProxyEvent } from 'aws-lambda';
import { loadAwsEvent } from '../../libs/lambda-events/src/testing/aws-event-fixtures';

/** A request as a client puts it on the wire: `url` is path and query exactly as sent. */
export interface WireRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
}

function splitUrl(url: string): { path: string; pairs: Array<[string, string]> } {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt + 1);
  const pairs = query
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string] => {
      const equals = part.indexOf('=');
      return equals === -1 ? [part, ''] : [part.slice(0, equals), part.slice(equals + 1)];
    });
  return { path, pairs };
}

function group(pairs: Array<[string, string]>): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of pairs) {
    single[key] = value;
    (multi[key] ??= []).push(value);
  }
  return { single, multi };
}

const DEFAULT_HEADERS = { host: 'greeter.example.com', 'user-agent': 'contract-test', accept: '*/*' };

/**
 * The event a REST API (1.0 proxy) sends: built from a real fixture, with the
 * query decoded, as REST APIs hand it over.
 */
export function toRestApiV1Event(request: WireRequest): APIGatewayProxyEvent {
  const event = loadAwsEvent<APIGatewayProxyEvent>('powertools-ts__apigw-v1-rest__no-auth');
  const { path, pairs } = splitUrl(request.url);
  const decoded = group(pairs.map(([key, value]) => [decodeURIComponent(key), decodeURIComponent(value)]));
  const headers = { ...DEFAULT_HEADERS, ...request.headers };
  event.httpMethod = request.method;
  event.path = path;
  event.resource = '/{proxy+}';
  event.requestContext.httpMethod = request.method;
  event.requestContext.path = `/${event.requestContext.stage}${path}`;
  event.queryStringParameters = pairs.length ? decoded.single : null;
  event.multiValueQueryStringParameters = pairs.length ? decoded.multi : null;
  event.headers = headers;
  event.multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  event.body = null;
  return event;
}

/** The event an ALB target gets: built from a real fixture, query left as sent, in the header mode asked for. */
export function toAlbEvent(request: WireRequest, { multiValue }: { multiValue: boolean }): ALBEvent {
  const fixture = multiValue ? 'aws-lambda-go__alb-multivalue__alb-lambda-target-request-multivalue-headers' : 'powertools-ts__alb__base';
  const event = loadAwsEvent<ALBEvent>(fixture);
  const { path, pairs } = splitUrl(request.url);
  const raw = group(pairs);
  const headers = { ...DEFAULT_HEADERS, ...request.headers };
  event.httpMethod = request.method;
  event.path = path;
  event.body = '';
  event.isBase64Encoded = false;
  delete event.headers;
  delete event.multiValueHeaders;
  delete event.queryStringParameters;
  delete event.multiValueQueryStringParameters;
  if (multiValue) {
    event.multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
    event.multiValueQueryStringParameters = raw.multi;
  } else {
    event.headers = headers;
    event.queryStringParameters = raw.single;
  }
  return event;
}
