import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { HttpEventSource } from './event-source';
import { InvalidEventError } from './http-message';
import { collectRequestHeaders, decodeRequestBody, encodeResponseBody, isRecord, joinQuery, splitResponseHeaders, requestUrl } from './http-encoding';

const NAME = 'API Gateway REST API (1.0 proxy)';

/**
 * API Gateway REST API proxy integration (payload 1.0). REST APIs hand over the
 * query already decoded, so it is encoded again for the server to parse.
 */
export const restApiV1Source: HttpEventSource<APIGatewayProxyEvent, APIGatewayProxyResult> = {
  name: NAME,
  matches: (event) =>
    typeof event['httpMethod'] === 'string' &&
    isRecord(event['requestContext']) &&
    event['requestContext']['elb'] === undefined &&
    event['type'] === undefined, // REQUEST authorizer events carry `type`

  toRequest(event) {
    if (typeof event.path !== 'string' || !event.path.startsWith('/')) {
      throw new InvalidEventError(NAME, 'path must be a path starting with "/"');
    }
    const pairs: Array<[string, string]> = [];
    const multi = event.multiValueQueryStringParameters;
    const single = event.queryStringParameters;
    if (isRecord(multi)) {
      for (const [key, values] of Object.entries(multi)) {
        for (const value of values ?? []) pairs.push([encodeURIComponent(key), encodeURIComponent(value)]);
      }
    } else if (isRecord(single)) {
      for (const [key, value] of Object.entries(single)) pairs.push([encodeURIComponent(key), encodeURIComponent(value ?? '')]);
    }
    const query = joinQuery(pairs);
    return {
      method: event.httpMethod,
      url: requestUrl(NAME, event.path, query),
      headers: collectRequestHeaders(event.headers, event.multiValueHeaders),
      body: decodeRequestBody(event.body, event.isBase64Encoded),
      remoteAddress: event.requestContext.identity?.sourceIp,
    };
  },

  toResult(response) {
    const { single, multi } = splitResponseHeaders(response);
    const result: APIGatewayProxyResult = { statusCode: response.statusCode, headers: single, ...encodeResponseBody(response) };
    if (multi['set-cookie']) result.multiValueHeaders = { 'set-cookie': multi['set-cookie'] };
    return result;
  },
};
