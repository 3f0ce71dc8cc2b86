import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpEventSource } from './event-source';
import { optionalStringField } from './event-fields';
import { InvalidEventError, type HttpRequest } from './http-message';
import { collectRequestHeaders, decodeRequestBody, encodeResponseBody, isRecord, splitResponseHeaders, requestUrl } from './http-encoding';

const NAME = 'API Gateway HTTP API (payload 2.0) or function URL';

/**
 * API Gateway HTTP API payload 2.0, which Lambda function URLs share.
 * `rawQueryString` is used as sent: `queryStringParameters` comma-joins repeated
 * keys, which cannot be told apart from a value that contains a comma.
 */
export const httpApiV2Source: HttpEventSource<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = {
  name: NAME,
  matches: (event) =>
    event['version'] === '2.0' && isRecord(event['requestContext']) && isRecord(event['requestContext']['http']) && event['type'] === undefined, // authorizer events carry `type`

  toRequest(event) {
    if (typeof event.rawPath !== 'string' || !event.rawPath.startsWith('/')) {
      throw new InvalidEventError(NAME, 'rawPath must be a path starting with "/"');
    }
    const method = event.requestContext.http.method;
    if (typeof method !== 'string' || method === '') {
      throw new InvalidEventError(NAME, 'requestContext.http.method is missing');
    }
    const path = isFunctionUrlEvent(event) ? event.rawPath : encodeDecodedPath(event.rawPath);
    const query = optionalStringField(NAME, event.rawQueryString, 'rawQueryString') ?? '';
    const headers = collectRequestHeaders(NAME, event.headers, undefined);
    const cookies = cookiesOf(event.cookies);
    if (cookies.length > 0) headers['cookie'] = cookies.join('; ');
    return {
      method,
      url: requestUrl(NAME, path, query),
      headers,
      body: decodeRequestBody(NAME, event),
      remoteAddress: typeof event.requestContext.http.sourceIp === 'string' ? event.requestContext.http.sourceIp : undefined,
    };
  },

  toResult(response) {
    const { single, multi } = splitResponseHeaders(response);
    const result: APIGatewayProxyStructuredResultV2 = { statusCode: response.statusCode, headers: single, ...encodeResponseBody(response) };
    if (multi['set-cookie']) result.cookies = multi['set-cookie'];
    return result;
  },
};

function cookiesOf(cookies: unknown): string[] {
  if (cookies === undefined || cookies === null) return [];
  if (!Array.isArray(cookies) || !cookies.every((cookie) => typeof cookie === 'string')) throw new InvalidEventError(NAME, 'cookies must be a list of strings');
  return cookies;
}

/** Function URLs pass the path as the client sent it; HTTP APIs pass it decoded. */
function isFunctionUrlEvent(event: APIGatewayProxyEventV2): boolean {
  return typeof event.requestContext.domainName === 'string' && event.requestContext.domainName.includes('.lambda-url.');
}

/** Re-encodes a decoded path so that a literal `?`, `#`, `%`, space or non-ASCII character stays part of it. */
function encodeDecodedPath(path: string): string {
  try {
    return encodeURI(path).replaceAll('?', '%3F').replaceAll('#', '%23');
  } catch {
    throw new InvalidEventError(NAME, 'rawPath is not valid Unicode');
  }
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Builds the event an HTTP API would send for a request (path decoded, query
 * as sent): the inverse of `toRequest`, for local serving and tests.
 */
export function toHttpApiV2Event(request: HttpRequest & { requestId: string; host?: string }): APIGatewayProxyEventV2 {
  const queryAt = request.url.indexOf('?');
  const sentPath = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const rawPath = decodeOrKeep(sentPath);
  const rawQueryString = queryAt === -1 ? '' : request.url.slice(queryAt + 1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  const queryStringParameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    queryStringParameters[key] = key in queryStringParameters ? `${queryStringParameters[key]},${value}` : value;
  }
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: request.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(request.body && request.body.length > 0 ? { body: request.body.toString('base64') } : {}),
    isBase64Encoded: Boolean(request.body && request.body.length > 0),
  };
}
