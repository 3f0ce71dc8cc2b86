// The bare NestJS Lambda: the least a handler can do to answer an HTTP API
// (payload 2.0) event through the app, with Fastify's in-process inject.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createNestFloorApp } from './nest-floor-app';

const fastify = (await createNestFloorApp()).getHttpAdapter().getInstance();

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const response = await fastify.inject({
    method: event.requestContext.http.method as 'GET',
    url: event.rawQueryString ? `${event.rawPath}?${event.rawQueryString}` : event.rawPath,
    headers: event.headers,
    validate: false,
  });
  return { statusCode: response.statusCode, headers: response.headers as Record<string, string>, body: response.body, isBase64Encoded: false };
};
