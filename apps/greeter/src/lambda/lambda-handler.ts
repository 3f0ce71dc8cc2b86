import { findHttpEventSource, type HttpRequest, type HttpResponse, InvalidEventError } from '@greeter/lambda-events';
import type { Context } from 'aws-lambda';
import type { FastifyInstance } from 'fastify';
import { METHODS } from 'node:http';
import { INTERNAL_ERROR_MESSAGE, pathOf } from '../app/http/error-body';
import { type OutOfBandError, outOfBandError } from '../app/http/out-of-band-error';
import { REQUEST_ID_HEADER } from '../app/http/request-id';
import type { JsonLogger } from '../app/logging/json-logger';
import { directInvokeUrl, isDirectInvokeEvent, toDirectInvokeResult } from './direct-invoke';

export type LambdaHandler = (event: unknown, context: Pick<Context, 'awsRequestId'>) => Promise<unknown>;

const KNOWN_METHODS = new Set(METHODS);

const toHttpResponse = (error: OutOfBandError): HttpResponse => ({ ...error, body: Buffer.from(error.body) });

const SUPPORTED =
  'API Gateway HTTP API (payload 2.0), API Gateway REST (1.0 proxy), ALB, function URL, or a direct invoke like {"name":"Ada"}';

/**
 * Answers every event the greeter supports by handing the HTTP request it
 * carries to the app in-process (Fastify's inject) and shaping the answer the
 * way the event's source expects. Events of no known shape get a 400 result.
 */
export function createLambdaHandler(fastify: FastifyInstance, logger: JsonLogger): LambdaHandler {
  const answer = async (request: HttpRequest): Promise<HttpResponse> => {
    const requestId = String(request.headers[REQUEST_ID_HEADER]);
    // Node's parser refuses unknown methods on the server; the same answer here.
    if (!KNOWN_METHODS.has(request.method)) {
      logger.request(request.method, pathOf(request.url), 400, 0, requestId);
      return toHttpResponse(outOfBandError(400, 'The request is not valid HTTP', requestId));
    }
    try {
      const response = await fastify.inject({
        method: request.method as 'GET',
        url: request.url,
        headers: request.headers,
        payload: request.body,
        remoteAddress: request.remoteAddress,
        validate: false,
      });
      return { statusCode: response.statusCode, headers: response.headers, body: response.rawPayload };
    } catch (error) {
      logger.error(error instanceof Error ? error : String(error), undefined, 'LambdaHandler');
      return toHttpResponse(outOfBandError(500, INTERNAL_ERROR_MESSAGE, requestId));
    }
  };

  const handle: LambdaHandler = async (event, context) => {
    const requestId = context.awsRequestId;
    if (isDirectInvokeEvent(event)) {
      const url = directInvokeUrl(event);
      if (typeof url !== 'string') return url;
      const response = await answer({ method: 'GET', url, headers: { [REQUEST_ID_HEADER]: requestId } });
      return toDirectInvokeResult(response.statusCode, response.body.toString('utf8'));
    }

    const source = findHttpEventSource(event);
    if (!source) {
      const keys = event !== null && typeof event === 'object' ? Object.keys(event).slice(0, 8).join(', ') : typeof event;
      logger.warn(`unsupported event (keys: ${keys})`, 'LambdaHandler');
      return { statusCode: 400, body: `Unsupported event: this function answers ${SUPPORTED}; got an event with keys: ${keys || 'none'}` };
    }
    let request: HttpRequest;
    try {
      request = source.toRequest(event);
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      logger.warn(error.message, 'LambdaHandler');
      return { statusCode: 400, body: error.message };
    }
    request.headers[REQUEST_ID_HEADER] = requestId;
    return source.toResult(await answer(request), event);
  };

  return async (event, context) => {
    try {
      return await handle(event, context);
    } finally {
      // Lambda may freeze the environment as soon as the handler returns: write the logs out first.
      logger.flush();
    }
  };
}
