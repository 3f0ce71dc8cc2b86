import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import { createClientErrorHandler } from './http/client-error-handler';
import { pathOf, sendError } from './http/error-body';
import { ErrorResponseFilter } from './http/error-response.filter';
import { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts, httpServerOptions, requestDeclaresBodyOverLimit } from './http/http-limits';
import { NO_ROUTE_SCHEMAS } from './http/no-route-schemas';
import { REQUEST_ID_HEADER, requestIdOf } from './http/request-id';
import { SECURITY_HEADERS } from './http/security-headers';
import { refusalOf } from './http/refusal-before-routing';
import { parseStrictQueryString } from './http/strict-query-string';
import { JsonLogger } from './logging/json-logger';

export interface GreeterAppOptions {
  logger?: JsonLogger;
  /** The root module; tests pass one that adds routes around AppModule. */
  rootModule?: Type<unknown>;
  /** The standalone server's connection timeouts; tests shorten them. */
  httpTimeouts?: HttpTimeouts;
}

/**
 * The one place the application is assembled and configured. Both bootstraps
 * (the standalone server and the Lambda handler) call it, so a request meets
 * the same parser, validation, headers, errors and logging in either mode.
 */
export async function createGreeterApp({
  logger = new JsonLogger(),
  rootModule = AppModule,
  httpTimeouts = DEFAULT_HTTP_TIMEOUTS,
}: GreeterAppOptions = {}): Promise<NestFastifyApplication> {
  const logRequest = (request: FastifyRequest, reply: FastifyReply): void =>
    logger.request(request.method, pathOf(request.url), reply.statusCode, Math.round(reply.elapsedTime * 100) / 100, request.id);

  const adapter = new FastifyAdapter({
    logger: false,
    genReqId: requestIdOf,
    ...httpServerOptions(httpTimeouts),
    // Health reports the shutdown itself; in-flight keep-alive requests still get real answers.
    return503OnClosing: false,
    routerOptions: { querystringParser: parseStrictQueryString },
    clientErrorHandler: createClientErrorHandler(logger),
    schemaController: NO_ROUTE_SCHEMAS,
    // The app has no Nest middleware, so Nest need not register @fastify/middie
    // (6 ms of every cold start). Adding middleware means removing this line.
    skipMiddie: true,
    // A malformed URL path is refused by the router before any hook or Nest
    // handler runs, so this answer gets its headers here.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      reply.headers(SECURITY_HEADERS);
      reply.raw.once('finish', () => logRequest(request, reply));
      sendError(error, request, reply, logger);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger,
    abortOnError: false,
    // No route takes a body: Fastify's own JSON parser (with bodyLimit) is enough, and Nest's parsers cost 3 ms of cold start.
    bodyParser: false,
  });
  app.useGlobalFilters(new ErrorResponseFilter(logger));

  const fastify = app.getHttpAdapter().getInstance();
  // Callback-style hooks: they run for every request, and async ones cost a promise each.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    reply.header(REQUEST_ID_HEADER, request.id);
    done(refusalOf(request, reply));
  });
  // Node answers `Expect: 100-continue` itself, inviting any body; the app
  // invites only one it would accept, and answers the request either way.
  fastify.server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (!requestDeclaresBodyOverLimit(request)) response.writeContinue();
    fastify.server.emit('request', request, response);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    logRequest(request, reply);
    done();
  });

  await app.init();
  // Load Fastify's remaining plugins now: a broken plugin fails the start (Lambda's
  // init phase), not the first request, which then does less work.
  await fastify.ready();
  return app;
}
