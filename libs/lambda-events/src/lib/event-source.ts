import type { HttpRequest, HttpResponse } from './http-message';

/** One kind of AWS event that carries an HTTP request, and the result shape it expects back. */
export interface HttpEventSource<TEvent = Record<string, unknown>, TResult = Record<string, unknown>> {
  /** Plain-language name used in logs and error messages. */
  readonly name: string;
  /** True when the event has this source's shape (it may still be invalid). */
  matches(event: Record<string, unknown>): boolean;
  /** @throws InvalidEventError when a field the source needs is missing or malformed. */
  toRequest(event: TEvent): HttpRequest;
  toResult(response: HttpResponse, event: TEvent): TResult;
}

/**
 * A source whose event type is known only at run time, once `matches()` said
 * so: `findHttpEventSource` hands these out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHttpEventSource = HttpEventSource<any, any>;
