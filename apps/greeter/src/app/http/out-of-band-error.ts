import { errorBody } from './error-body';
import { REQUEST_ID_HEADER } from './request-id';
import { SECURITY_HEADERS } from './security-headers';

export interface OutOfBandError {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * An error answer written where no Nest request exists (Node refused to parse
 * the request, or it never reached the app), with the same body and headers
 * the app's own answers carry.
 */
export function outOfBandError(statusCode: number, message: string, requestId: string): OutOfBandError {
  return {
    statusCode,
    headers: { ...SECURITY_HEADERS, [REQUEST_ID_HEADER]: requestId, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(errorBody(statusCode, message, requestId)),
  };
}
