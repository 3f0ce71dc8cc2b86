import { InvalidEventError } from './http-message';

/**
 * Readers for the optional maps AWS puts in an event. AWS sends strings (or
 * lists of strings) there, or null for an absent map; anything else is a
 * malformed event, refused with the field that broke the rule, never a crash.
 */
export function stringMapField(source: string, value: unknown, field: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new InvalidEventError(source, `${field} must be an object of strings`);
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    if (typeof entry !== 'string') throw new InvalidEventError(source, `${field}.${key} must be a string`);
    map[key] = entry;
  }
  return map;
}

export function stringListMapField(source: string, value: unknown, field: string): Record<string, string[]> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new InvalidEventError(source, `${field} must be an object of string lists`);
  const map: Record<string, string[]> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    if (!Array.isArray(entry) || !entry.every((item) => typeof item === 'string')) {
      throw new InvalidEventError(source, `${field}.${key} must be a list of strings`);
    }
    map[key] = entry;
  }
  return map;
}

/** A string field that may be absent; present with another type, it is refused. */
export function optionalStringField(source: string, value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidEventError(source, `${field} must be a string`);
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
