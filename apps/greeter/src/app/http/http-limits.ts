import type { IncomingMessage } from 'node:http';

/** No route takes a request body: anything larger is refused, for every method, before it is read. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** The standalone server's connection timeouts (the Lambda handler has no sockets). */
export interface HttpTimeouts {
  /** An idle keep-alive connection is closed after this; above the ALB's 60 s idle timeout, so the ALB always closes first and never reuses a connection the server is closing. */
  keepAliveTimeoutMs: number;
  /** From a request's first byte to its last header (slow-header attacks). */
  headersTimeoutMs: number;
  /** From a request's first byte to its last body byte (a trickled body). */
  requestTimeoutMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { keepAliveTimeoutMs: 65_000, headersTimeoutMs: 10_000, requestTimeoutMs: 15_000 };

/** How often Node checks the header and request timeouts (its default, 30 s, would let a timed-out request live that much longer). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * The Fastify options that set the connection limits. Node's own check for a
 * Host header is off: it answers a bare 400 that the app never sees, so the
 * app makes the same check (see `requestHasNoHost`) and answers in its shape.
 */
export function httpServerOptions(timeouts: HttpTimeouts) {
  return {
    bodyLimit: BODY_LIMIT_BYTES,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    http: {
      headersTimeout: timeouts.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_INTERVAL_MS, timeouts.headersTimeoutMs),
      requireHostHeader: false,
    },
  };
}

/** HTTP/1.1 requires a Host header (RFC 9112, section 3.2); HTTP/1.0 has none. */
export function requestHasNoHost(request: IncomingMessage): boolean {
  return request.headers.host === undefined && request.httpVersion === '1.1';
}

/** Whether the request says it carries a body; the app answers such requests with `Connection: close` so that it never reads a body it has no use for. */
export function requestHasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Whether the request declares a body over the limit: refused at once, whatever the method, without reading it. */
export function requestDeclaresBodyOverLimit(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return length !== undefined && Number(length) > BODY_LIMIT_BYTES;
}
