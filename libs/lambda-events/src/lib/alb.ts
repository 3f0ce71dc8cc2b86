import { STATUS_CODES } from 'node:http';
import type { ALBEvent, ALBResult } from 'aws-lambda';
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

const NAME = 'Application Load Balancer';

/** A target group with multi-value headers on sends (and expects back) only the multi-value fields. */
export function isMultiValueAlbEvent(event: ALBEvent): boolean {
  return isRecord(event.multiValueHeaders) || isRecord(event.multiValueQueryStringParameters);
}

/**
 * ALB Lambda targets. The ALB passes query keys and values exactly as the
 * client sent them (still percent-encoded), so they are joined, not decoded.
 */
export const albSource: HttpEventSource<ALBEvent, ALBResult> = {
  name: NAME,
  matches: (event) => typeof event['httpMethod'] === 'string' && isRecord(event['requestContext']) && isRecord(event['requestContext']['elb']),

  toRequest(event) {
    if (typeof event.path !== 'string' || !event.path.startsWith('/')) {
      throw new InvalidEventError(NAME, 'path must be a path starting with "/"');
    }
    const query = joinQuery(queryPairs(NAME, event, (text) => text));
    return {
      method: event.httpMethod,
      url: requestUrl(NAME, event.path, query),
      headers: collectRequestHeaders(NAME, event.headers, event.multiValueHeaders),
      body: decodeRequestBody(NAME, event),
    };
  },

  toResult(response, event) {
    const { single, multi } = splitResponseHeaders(response);
    const base = {
      statusCode: response.statusCode,
      statusDescription: `${response.statusCode} ${STATUS_CODES[response.statusCode] ?? 'Unknown'}`,
      ...encodeResponseBody(response),
    };
    if (isMultiValueAlbEvent(event)) return { ...base, multiValueHeaders: multi };
    const headers = { ...single };
    // Single-value mode can carry one cookie at most.
    if (multi['set-cookie']?.length === 1) headers['set-cookie'] = multi['set-cookie'][0];
    return { ...base, headers };
  },
};
