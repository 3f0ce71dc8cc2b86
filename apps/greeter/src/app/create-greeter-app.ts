import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { AppModule } from './app.module';
import { ShutdownState } from './health/shutdown-state';
import { createClientErrorHandler } from './http/client-error-handler';
import { pathOf, sendError } from './http/error-body';
import { ErrorResponseFilter } from './http/error-response.filter';
import { InvalidFieldException } from './http/invalid-field.exception';
import { NO_ROUTE_SCHEMAS } from './http/no-route-schemas';
import { REQUEST_ID_HEADER, requestIdOf } from './http/request-id';
import { API_SECURITY_HEADERS } from './http/security-headers';
import { MALFORMED_QUERY, type ParsedQuery, parseStrictQueryString } from './http/strict-query-string';
import { JsonLogger } from './logging/json-logger';

export interface GreeterAppOptions {
  logger?: JsonLogger;
  /** The root module; tests pass one that adds routes around AppModule. */
  rootModule?: Type<unknown>;
}

type SecurityHook = (request: FastifyRequest, response: ServerResponse) => void;

// The API takes no request bodies; anything large is refused before it is buffered.
const BODY_LIMIT_BYTES = 16 * 1024;

/**
 * The one place the application is assembled and configured. Both bootstraps
 * (the standalone server and the Lambda handler) call it, so a request meets
 * the same parser, validation, headers, errors and logging in either mode.
 */
export async function createGreeterApp({ logger = new JsonLogger(), rootModule = AppModule }: GreeterAppOptions = {}): Promise<NestFastifyApplication> {
  const logRequest = (request: FastifyRequest, reply: FastifyReply): void =>
    logger.info('request', {
      method: request.method,
      path: pathOf(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      requestId: request.id,
    });

  const adapter: FastifyAdapter = new FastifyAdapter({
    logger: false,
    genReqId: requestIdOf,
    bodyLimit: BODY_LIMIT_BYTES,
    // Health reports the shutdown itself; in-flight keep-alive requests still get real answers.
    return503OnClosing: false,
    routerOptions: { querystringParser: parseStrictQueryString },
    clientErrorHandler: createClientErrorHandler(logger),
    schemaController: NO_ROUTE_SCHEMAS,
    // A malformed URL path is refused by the router before any hook or Nest
    // handler runs. Replacing Nest's own handler for it means calling the
    // security-header hook Nest registers with the adapter ourselves (a test
    // proves these answers still carry the headers).
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      (adapter as unknown as { securityHook?: SecurityHook }).securityHook?.(request, reply.raw);
      reply.raw.once('finish', () => logRequest(request, reply));
      sendError(error, request, reply, logger);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, { logger, abortOnError: false });
  app.useSecurityHeaders(API_SECURITY_HEADERS);
  app.useGlobalFilters(new ErrorResponseFilter(logger));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    const malformed = (request.query as ParsedQuery | undefined)?.[MALFORMED_QUERY];
    if (malformed !== undefined) throw new InvalidFieldException(malformed, 'has malformed percent-encoding');
  });
  fastify.addHook('onResponse', async (request, reply) => logRequest(request, reply));
  // While draining, each answer closes its keep-alive connection, so a load
  // balancer's pooled connections end one by one and the process can exit.
  const shutdown = app.get(ShutdownState);
  fastify.addHook('onSend', async (_request, reply) => {
    if (shutdown.isShuttingDown) reply.header('connection', 'close');
  });

  await app.init();
  return app;
}
