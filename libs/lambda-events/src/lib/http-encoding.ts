import { optionalStringField, stringListMapField, stringMapField } from './event-fields';

export { isRecord } from './event-fields';
import { type HttpResponse, InvalidEventError } from './http-message';

const TEXTUAL_APPLICATION_SUBTYPES = new Set(['json', 'xml', 'javascript', 'x-www-form-urlencoded']);

/**
 * Whether a Content-Type names text: text/*, JSON, XML (with their `+json`
 * and `+xml` suffixes), JavaScript and form data. String checks rather than a
 * regular expression: a case-insensitive one costs 0.2 ms to compile on the
 * first answer of every Lambda cold start.
 */
export function isTextualContentType(contentType: string): boolean {
  const mediaType = contentType.split(';', 1)[0].trim().toLowerCase();
  if (mediaType.startsWith('text/')) return true;
  if (!mediaType.startsWith('application/')) return false;
  const subtype = mediaType.slice('application/'.length);
  return TEXTUAL_APPLICATION_SUBTYPES.has(subtype) || subtype.endsWith('+json') || subtype.endsWith('+xml');
}

/** Lambda results carry bodies as strings: text as-is, anything else base64. */
export function encodeResponseBody(response: HttpResponse): { body: string; isBase64Encoded: boolean } {
  const contentType = String(response.headers['content-type'] ?? '');
  if (response.body.length === 0 || isTextualContentType(contentType)) {
    return { body: response.body.toString('utf8'), isBase64Encoded: false };
  }
  return { body: response.body.toString('base64'), isBase64Encoded: true };
}

/** The request body an event carries: `body` is text, or base64 when `isBase64Encoded` is true. */
export function decodeRequestBody(source: string, event: { body?: unknown; isBase64Encoded?: unknown }): Buffer | undefined {
  const body = optionalStringField(source, event.body, 'body');
  const { isBase64Encoded } = event;
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') {
    throw new InvalidEventError(source, 'isBase64Encoded must be true or false');
  }
  if (body === undefined || body.length === 0) return undefined;
  return Buffer.from(body, isBase64Encoded === true ? 'base64' : 'utf8');
}

// They describe the in-process connection, not the answer; API Gateway and the ALB set their own.
const HOP_BY_HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding']);

/** Splits response headers into single values (joined) and the lists `set-cookie` needs. */
export function splitResponseHeaders(response: HttpResponse): {
  single: Record<string, string>;
  multi: Record<string, string[]>;
} {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined || HOP_BY_HOP_HEADERS.has(name)) continue;
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    multi[name] = values;
    // Set-Cookie must never be comma-joined: its dates contain commas.
    if (name !== 'set-cookie') single[name] = values.join(', ');
  }
  return { single, multi };
}

/**
 * Lower-cases header names and merges single- and multi-value maps (multi
 * wins); a header value that is not a string is a malformed event.
 */
export function collectRequestHeaders(source: string, single: unknown, multi: unknown): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(stringMapField(source, single, 'headers') ?? {})) headers[name.toLowerCase()] = value;
  for (const [name, values] of Object.entries(stringListMapField(source, multi, 'multiValueHeaders') ?? {})) {
    if (values.length > 0) headers[name.toLowerCase()] = values.length === 1 ? values[0] : values;
  }
  return headers;
}

/**
 * The query's key/value pairs, from the multi-value map when the event has
 * one (it holds every value of a repeated key), else the single-value map,
 * each passed through `encode` (which may throw InvalidEventError).
 */
export function queryPairs(
  source: string,
  event: { queryStringParameters?: unknown; multiValueQueryStringParameters?: unknown },
  encode: (text: string, field: string) => string,
): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const multi = stringListMapField(source, event.multiValueQueryStringParameters, 'multiValueQueryStringParameters');
  if (multi) {
    for (const [key, values] of Object.entries(multi)) {
      const field = `multiValueQueryStringParameters.${key}`;
      for (const value of values) pairs.push([encode(key, field), encode(value, field)]);
    }
    return pairs;
  }
  const single = stringMapField(source, event.queryStringParameters, 'queryStringParameters') ?? {};
  for (const [key, value] of Object.entries(single)) {
    const field = `queryStringParameters.${key}`;
    pairs.push([encode(key, field), encode(value, field)]);
  }
  return pairs;
}

/** Builds a raw query string from already-encoded pairs. */
export function joinQuery(pairs: Array<[string, string]>): string {
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

// Spelled as a range: a Unicode property escape costs a cold start its compilation.
const NON_ASCII = /[\u0080-\uffff]+/g;

/**
 * Percent-encodes any non-ASCII text in a URL, as a client puts it on the wire,
 * so a server sees the same bytes whether the request came over a socket or in
 * an event.
 */
export function requestUrl(source: string, path: string, query: string): string {
  const url = query ? `${path}?${query}` : path;
  try {
    return url.replace(NON_ASCII, (text) => encodeURIComponent(text));
  } catch {
    throw new InvalidEventError(source, 'the path or query is not valid Unicode');
  }
}
