// The trace id's form (X-Ray: version 1, 8 hex digits of time, 24 of random); anything else is not logged.
const TRACE_ROOT = /(?:^|;)Root=(1-[0-9a-f]{8}-[0-9a-f]{24})(?:;|$)/;

/**
 * The X-Ray trace id of the invocation being answered, when there is one: the
 * `Root` of the trace header Lambda's runtime puts in `_X_AMZN_TRACE_ID` (or
 * on the context, where a runtime offers it there), which is what the X-Ray
 * and CloudWatch consoles search by.
 */
export function xrayTraceIdOf(context: { xRayTraceId?: unknown } | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const header = typeof context?.xRayTraceId === 'string' ? context.xRayTraceId : env['_X_AMZN_TRACE_ID'];
  return header === undefined ? undefined : TRACE_ROOT.exec(header)?.[1];
}
