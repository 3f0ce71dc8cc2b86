import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { SecurityHeadersOptions } from '@nestjs/common';
import { resolveSecurityHeaders } from '@nestjs/core/security/security-headers.js';
import type { JsonLogger } from '../logging/json-logger';
import { errorBody } from './error-body';
import { REQUEST_ID_HEADER } from './request-id';

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
export function createClientErrorHandler(securityHeaders: SecurityHeadersOptions, logger: JsonLogger) {
  const { headers } = resolveSecurityHeaders(securityHeaders);
  const fixedHeaders = headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');

  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { statusCode, message } = answerFor(error.code);
    const requestId = randomUUID();
    const body = JSON.stringify(errorBody(statusCode, message, requestId));
    logger.info('request', { status: statusCode, error: error.code, requestId });
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\n${fixedHeaders}` +
          `${REQUEST_ID_HEADER}: ${requestId}\r\ncontent-type: application/json; charset=utf-8\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}
