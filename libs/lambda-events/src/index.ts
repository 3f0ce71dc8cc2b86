import { albSource } from './lib/alb';
import { restApiV1Source } from './lib/api-gateway-v1';
import { httpApiV2Source } from './lib/api-gateway-v2';
import type { AnyHttpEventSource } from './lib/event-source';
import { isRecord } from './lib/http-encoding';

export type { AnyHttpEventSource, HttpEventSource } from './lib/event-source';
export { InvalidEventError, type HttpRequest, type HttpResponse } from './lib/http-message';
export { albSource, isMultiValueAlbEvent } from './lib/alb';
export { restApiV1Source } from './lib/api-gateway-v1';
export { httpApiV2Source, toHttpApiV2Event } from './lib/api-gateway-v2';
export { isRecord } from './lib/http-encoding';

/** Most specific first: an ALB event also has `httpMethod`, like a REST one. */
const HTTP_EVENT_SOURCES: readonly AnyHttpEventSource[] = [albSource, restApiV1Source, httpApiV2Source];

/** The source whose shape the event has, or undefined when it carries no HTTP request. */
export function findHttpEventSource(event: unknown): AnyHttpEventSource | undefined {
  if (!isRecord(event)) return undefined;
  return HTTP_EVENT_SOURCES.find((source) => source.matches(event));
}
