import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BODY_LIMIT_BYTES, requestDeclaresBodyOverLimit, requestHasBody, requestHasNoHost } from './http-limits';
import { InvalidFieldException } from './invalid-field.exception';
import { MALFORMED_QUERY, type ParsedQuery } from './strict-query-string';

/** Why a request is refused before routing, if it is: a body over the limit, no Host, a malformed query. */
export function refusalOf(request: FastifyRequest, reply: FastifyReply): Error | undefined {
  if (requestHasBody(request.raw)) {
    // No route reads a body: closing the connection after the answer spares reading the rest of it.
    reply.header('connection', 'close');
    if (requestDeclaresBodyOverLimit(request.raw)) {
      return new PayloadTooLargeException(`The request body is larger than ${BODY_LIMIT_BYTES} bytes; no route takes one`);
    }
  }
  if (requestHasNoHost(request.raw)) {
    reply.header('connection', 'close');
    return new BadRequestException('The request has no Host header, which HTTP/1.1 requires');
  }
  const malformed = (request.query as ParsedQuery | undefined)?.[MALFORMED_QUERY];
  return malformed === undefined ? undefined : new InvalidFieldException(malformed, 'has malformed percent-encoding');
}
