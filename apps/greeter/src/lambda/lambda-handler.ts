import { randomUUID } from 'node:crypto';
import { METHODS } from 'node:http';
import { findHttpEventSource, type HttpRequest, type HttpResponse, InvalidEventError } from '@greeter/lambda-events';
import type { Context } from 'aws-lambda';
import type { FastifyInstance } from 'fastify';
import { INTERNAL_ERROR_MESSAGE, pathOf } from '../app/http/error-body';
import { type OutOfBandError, outOfBandError } from '../app/http/out-of-band-error';
import { REQUEST_ID_HEADER } from '../app/http/request-id';
import type { JsonLogger } from '../app/logging/json-logger';
import { directInvokeUrl, isDirectInvokeEvent, toDirectInvokeResult } from './direct-invoke';
import { xrayTraceIdOf } from './xray-trace-id';

export type LambdaHandler = (event: unknown, context: Pick<Context, 'awsRequestId'> & { xRayTraceId?: string }) => Promise<unknown>;

const KNOWN_METHODS = new Set(METHODS);

const toHttpResponse = (error: OutOfBandError): HttpResponse => ({ ...error, body: Buffer.from(error.body) });

/** An answer for an event of no known source: API Gateway's result shape, which function URLs share. */
const toGenericResult = (error: OutOfBandError) => ({ statusCode: error.statusCode, headers: error.headers, body: error.body });

const SUPPORTED = 'API Gateway HTTP API (payload 2.0), API Gateway REST (1.0 proxy), ALB, function URL, or a direct invoke like {"name":"Ada"}';

/**
 * Answers every event the greeter supports by handing the HTTP request it
 * carries to the app in-process (Fastify's inject) and shaping the answer the
 * way the event's source expects. It never rejects: an event of no known
 * shape, or of a known shape with a field missing or of the wrong type, gets
 * the contract's 400 JSON error; an unexpected failure, a 500. Every
 * invocation writes one log line (an access line, or the refused event's),
 * plus the error's details for a 500; each carries the invocation's id and
 * its X-Ray trace id, when there is one.
 */
export function createLambdaHandler(fastify: FastifyInstance, logger: JsonLogger): LambdaHandler {
  const answer = async (request: HttpRequest, requestId: string): Promise<HttpResponse> => {
    // Node's parser refuses unknown methods on the server; the same answer here.
    if (!KNOWN_METHODS.has(request.method)) {
      logger.request(request.method, pathOf(request.url), 400, 0, requestId);
      return toHttpResponse(outOfBandError(400, 'The request is not valid HTTP', requestId));
    }
    try {
      const response = await fastify.inject({
        method: request.method as 'GET',
        url: request.url,
        headers: { ...request.headers, [REQUEST_ID_HEADER]: requestId },
        payload: request.body,
        remoteAddress: request.remoteAddress,
        validate: false,
      });
      return { statusCode: response.statusCode, headers: response.headers, body: response.rawPayload };
    } catch (error) {
      logger.failure(error, { requestId, context: 'LambdaHandler' });
      return toHttpResponse(outOfBandError(500, INTERNAL_ERROR_MESSAGE, requestId));
    }
  };

  const refuse = (message: string, requestId: string): OutOfBandError => {
    logger.refusedEvent(message, requestId);
    return outOfBandError(400, message, requestId);
  };

  const handle = async (event: unknown, requestId: string): Promise<unknown> => {
    if (isDirectInvokeEvent(event)) {
      const url = directInvokeUrl(event);
      if (typeof url !== 'string') {
        logger.refusedEvent(url.body, requestId);
        return url;
      }
      const response = await answer({ method: 'GET', url, headers: {} }, requestId);
      return toDirectInvokeResult(response.statusCode, response.body.toString('utf8'));
    }

    const source = findHttpEventSource(event);
    if (!source) {
      const keys = event !== null && typeof event === 'object' ? Object.keys(event).slice(0, 8).join(', ') : typeof event;
      return toGenericResult(refuse(`Unsupported event: this function answers ${SUPPORTED}; got an event with keys: ${keys || 'none'}`, requestId));
    }
    let request: HttpRequest;
    try {
      request = source.toRequest(event);
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      return source.toResult(toHttpResponse(refuse(error.message, requestId)), event);
    }
    return source.toResult(await answer(request, requestId), event);
  };

  return async (event, context) => {
    const requestId = typeof context?.awsRequestId === 'string' && context.awsRequestId !== '' ? context.awsRequestId : randomUUID();
    logger.setTraceId(xrayTraceIdOf(context, process.env));
    try {
      return await handle(event, requestId);
    } catch (error) {
      logger.failure(error, { requestId, context: 'LambdaHandler' });
      return toGenericResult(outOfBandError(500, INTERNAL_ERROR_MESSAGE, requestId));
    } finally {
      // Lambda may freeze the environment as soon as the handler returns: write the logs out first.
      logger.flush();
      logger.setTraceId(undefined);
    }
  };
}
