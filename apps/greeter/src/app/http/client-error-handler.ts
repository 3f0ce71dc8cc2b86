import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { JsonLogger } from '../logging/json-logger';
import { outOfBandError } from './out-of-band-error';

interface ClientErrorAnswer {
  statusCode: number;
  message: string;
}

/** Node's HTTP parser error codes, in words a caller can act on. */
function answerFor(code: string | undefined): ClientErrorAnswer {
  switch (code) {
    case 'HPE_INVALID_URL':
      return { statusCode: 400, message: 'The URL has characters that must be percent-encoded, such as spaces or non-ASCII letters (RFC 3986)' };
    case 'HPE_HEADER_OVERFLOW':
      return { statusCode: 431, message: 'The request headers are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { statusCode: 408, message: 'The request was not received in time' };
    default:
      return { statusCode: 400, message: 'The request is not valid HTTP' };
  }
}

/**
 * Answers what Node's HTTP parser refuses before any request exists (a raw
 * non-ASCII byte in the URL, oversized headers, malformed HTTP) with the same
 * JSON error body and security headers as every other answer, then closes the
 * connection, as Node's own handler does.
 */
export function createClientErrorHandler(logger: JsonLogger) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { statusCode, message } = answerFor(error.code);
    const requestId = randomUUID();
    const answer = outOfBandError(statusCode, message, requestId);
    logger.info('request', { status: statusCode, error: error.code, requestId });
    // An answer already being written on this connection cannot be followed by another: close it.
    const answering = (socket as Socket & { _httpMessage?: { headersSent: boolean } | null })._httpMessage?.headersSent === true;
    if (socket.writable && !answering) {
      const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)), connection: 'close' };
      const head = Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\n${head}\r\n${answer.body}`);
    }
    socket.destroy();
  };
}
