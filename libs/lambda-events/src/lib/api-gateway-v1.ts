import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { HttpEventSource } from './event-source';
import { InvalidEventError } from './http-message';
import {
  collectRequestHeaders,
  decodeRequestBody,
  encodeResponseBody,
  isRecord,
  joinQuery,
  queryPairs,
  splitResponseHeaders,
  requestUrl,
} from './http-encoding';

const NAME = 'API Gateway REST API (1.0 proxy)';

/**
 * API Gateway REST API proxy integration (payload 1.0). REST APIs hand over the
 * query already decoded, so it is encoded again for the server to parse.
 */
export const restApiV1Source: HttpEventSource<APIGatewayProxyEvent, APIGatewayProxyResult> = {
  name: NAME,
  matches: (event) =>
    typeof event['httpMethod'] === 'string' && isRecord(event['requestContext']) && event['requestContext']['elb'] === undefined && event['type'] === undefined, // REQUEST authorizer events carry `type`

  toRequest(event) {
    if (typeof event.path !== 'string' || !event.path.startsWith('/')) {
      throw new InvalidEventError(NAME, 'path must be a path starting with "/"');
    }
    const query = joinQuery(queryPairs(NAME, event, encodeQueryText));
    return {
      method: event.httpMethod,
      url: requestUrl(NAME, event.path, query),
      headers: collectRequestHeaders(NAME, event.headers, event.multiValueHeaders),
      body: decodeRequestBody(NAME, event),
      remoteAddress: sourceIpOf(event.requestContext.identity),
    };
  },

  toResult(response) {
    const { single, multi } = splitResponseHeaders(response);
    const result: APIGatewayProxyResult = { statusCode: response.statusCode, headers: single, ...encodeResponseBody(response) };
    if (multi['set-cookie']) result.multiValueHeaders = { 'set-cookie': multi['set-cookie'] };
    return result;
  },
};

/** REST APIs hand over decoded text; text with a lone surrogate has no UTF-8 form to encode. */
function encodeQueryText(text: string, field: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new InvalidEventError(NAME, `${field} is not valid Unicode text (it has a lone surrogate)`);
  }
}

function sourceIpOf(identity: unknown): string | undefined {
  return isRecord(identity) && typeof identity['sourceIp'] === 'string' ? identity['sourceIp'] : undefined;
}
