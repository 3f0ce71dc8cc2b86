import { isRecord } from '@greeter/lambda-events';

/** The original Lambda contract: `{"name":"Ada"}` in, `{"statusCode":200,"body":"Hello, Ada!"}` out. */
export interface DirectInvokeEvent {
  name?: string | null;
}

export interface DirectInvokeResult {
  statusCode: number;
  body: string;
}

/** A direct invoke is an object with at most a `name`: `{}` greets the world. */
export function isDirectInvokeEvent(event: unknown): event is DirectInvokeEvent {
  return isRecord(event) && Object.keys(event).every((key) => key === 'name');
}

/** The greet request a direct invoke stands for, so it meets the same validation as HTTP. */
export function directInvokeUrl(event: DirectInvokeEvent): string | DirectInvokeResult {
  if (event.name === undefined || event.name === null) return '/greet';
  if (typeof event.name !== 'string') return { statusCode: 400, body: 'name must be a string' };
  try {
    return `/greet?name=${encodeURIComponent(event.name)}`;
  } catch {
    // A lone surrogate: no UTF-8 form, so no request can carry it.
    return { statusCode: 400, body: 'name must be valid Unicode text (it has a lone surrogate)' };
  }
}

/** Turns the JSON answer of `GET /greet` into the direct-invoke result: the greeting, or the error message. */
export function toDirectInvokeResult(statusCode: number, jsonBody: string): DirectInvokeResult {
  const parsed: unknown = JSON.parse(jsonBody);
  const body = isRecord(parsed) && typeof parsed['message'] === 'string' ? parsed['message'] : jsonBody;
  return { statusCode, body };
}
