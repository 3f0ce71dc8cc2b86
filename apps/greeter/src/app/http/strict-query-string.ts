/** Marks a parsed query whose raw form had malformed percent-encoding. */
export const MALFORMED_QUERY = Symbol('malformedQuery');

export type ParsedQuery = Record<string, string | string[]> & { [MALFORMED_QUERY]?: string };

/**
 * Parses `a=1&b=2&b=3` like a form: `+` is a space, repeated keys become
 * arrays. Fastify's default parser passes `%E0%A4%A` through undecoded, and a
 * throwing parser would crash its router, so a malformed key or value is
 * recorded under MALFORMED_QUERY for a hook to answer with a 400.
 */
// Objects made by Object.create(null) start in V8's slow dictionary mode; instances of a
// class with a null prototype stay fast and still cannot be polluted through `__proto__`.
// (A class would put a `constructor` key on that prototype, which a query could then collide with.)
// eslint-disable-next-line @typescript-eslint/no-empty-function
const EmptyQuery = function EmptyQuery() {} as unknown as new () => ParsedQuery;
EmptyQuery.prototype = Object.create(null);

export function parseStrictQueryString(raw: string): ParsedQuery {
  const query = new EmptyQuery();
  if (raw === '') return query;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawKey = equals === -1 ? part : part.slice(0, equals);
    const rawValue = equals === -1 ? '' : part.slice(equals + 1);
    const key = decodeComponent(rawKey);
    const value = decodeComponent(rawValue);
    if (key === undefined || value === undefined) {
      query[MALFORMED_QUERY] ??= key ?? rawKey;
      continue;
    }
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else query[key] = [existing, value];
  }
  return query;
}

function decodeComponent(text: string): string | undefined {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}
