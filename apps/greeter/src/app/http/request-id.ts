import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

// A caller's id is kept only if it cannot forge log lines or headers.
const SAFE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * The request id: the one a trusted front sets (on Lambda, the invocation's
 * id, set by the handler) or a caller's, when safe; otherwise a new UUID.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}
