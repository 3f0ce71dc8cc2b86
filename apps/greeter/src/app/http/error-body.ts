import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { JsonLogger } from '../logging/json-logger';
import { InvalidFieldException } from './invalid-field.exception';
import { REQUEST_ID_HEADER } from './request-id';

/** The one JSON shape every error answer has, whichever layer produced it. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** The query or body field at fault, when there is one. */
  field?: string;
  requestId: string;
}

export function errorBody(statusCode: number, message: string, requestId: string, field?: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(field ? { field } : {}), requestId };
}

interface ErrorDescription {
  statusCode: number;
  message: string;
  field?: string;
}

export const INTERNAL_ERROR_MESSAGE = 'Internal server error; quote the request id when reporting it';

const INTERNAL_ERROR: ErrorDescription = { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: INTERNAL_ERROR_MESSAGE };

/**
 * What the caller is told about an error. Client errors say what was wrong;
 * anything else is a 500 that reveals nothing of the internals.
 */
export function describeError(exception: unknown, request: FastifyRequest): ErrorDescription {
  if (exception instanceof InvalidFieldException) {
    return { statusCode: HttpStatus.BAD_REQUEST, message: exception.message, field: exception.field };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    if (statusCode === HttpStatus.NOT_FOUND) return { statusCode, message: `No route for ${request.method} ${pathOf(request.url)}` };
    return statusCode >= 500 ? INTERNAL_ERROR : { statusCode, message: exception.message };
  }
  // Fastify's own client errors (malformed URL, unsupported media type, body too large) carry a 4xx code.
  const { statusCode, code } = (exception ?? {}) as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    if (code === 'FST_ERR_BAD_URL') return { statusCode, message: 'The URL path has malformed percent-encoding' };
    return { statusCode, message: (exception as Error).message };
  }
  return INTERNAL_ERROR;
}

/** Answers with the error body, logging the full error when it is the server's fault. */
export function sendError(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: JsonLogger): FastifyReply {
  const { statusCode, message, field } = describeError(exception, request);
  if (statusCode >= 500) logger.failure(exception, { requestId: request.id, context: 'ErrorResponse' });
  return reply
    .status(statusCode)
    .header(REQUEST_ID_HEADER, request.id)
    .type('application/json; charset=utf-8')
    .send(errorBody(statusCode, message, request.id, field));
}

export function pathOf(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? url : url.slice(0, queryAt);
}
