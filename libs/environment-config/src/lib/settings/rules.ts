import { z } from 'zod';

/**
 * The building blocks every setting is declared with: a zod schema that says what is allowed, with the
 * sentence a user reads when a value is not (`<path> must be <rule> (got <value>)`), and the same rule
 * in the metadata the configuration reference (docs/configuration.md) is generated from.
 */

/** A value as a message quotes it: JSON, numbers as JavaScript writes them (NaN stays NaN), "nothing" for a missing one. */
export const show = (value: unknown): string => (value === undefined ? 'nothing' : typeof value === 'number' ? String(value) : JSON.stringify(value));

// What the reference page reads of a setting beside its description: the rule its value follows, and its default in words where it is computed.
declare module 'zod' {
  interface GlobalMeta {
    rule?: string;
    defaultText?: string;
  }
}

const mustBe = (rule: string) => ({ error: (issue: { input?: unknown }) => `must be ${rule} (got ${show(issue.input)})` });

/** A whole number in a range; every failure (type, fraction, bounds) reads as the one rule. */
export function wholeNumber(min: number, max: number) {
  const rule = `a whole number from ${min} to ${max}`;
  const error = mustBe(rule);
  return z.number(error).int(error).min(min, error).max(max, error).meta({ rule });
}

/** A number above 0 (NaN and Infinity refused), at most `max` if given. */
export function positiveNumber(rule = 'a number above 0', max = Number.MAX_VALUE) {
  const error = mustBe(rule);
  return z.number(error).positive(error).max(max, error).meta({ rule });
}

export function oneOf<const T extends readonly [string | number, ...Array<string | number>]>(values: T) {
  return satisfying((value): value is T[number] => values.includes(value as T[number]), `one of ${values.join(', ')}`);
}

/** A value `isValid` accepts, described for the user by `rule` (shapes zod's own types cannot say in one message). */
export function satisfying<T>(isValid: (value: unknown) => value is T, rule: string) {
  return z.custom<T>(isValid, mustBe(rule)).meta({ rule });
}

export function flag() {
  return z.boolean(mustBe('true or false')).meta({ rule: 'true or false' });
}

/** A string matching `pattern`, described for the user by `rule`. */
export function text(pattern: RegExp, rule: string) {
  const error = mustBe(rule);
  return z.string(error).regex(pattern, error).meta({ rule });
}

/** A section of settings: unknown keys are refused by name (validate-environments.ts lists the known ones), a non-object too. */
export function section<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: (issue) => (issue.code === 'invalid_type' ? `must be an object (got ${show(issue.input)})` : undefined) });
}

/** A setting with its default and the one line the reference gives it. */
export function setting<T extends z.ZodType>(schema: T, defaultValue: z.input<T>, description: string) {
  return schema.default(defaultValue as never).meta({ description });
}

/** A section whose every setting has a default: absent, it is all defaults (zod's prefault parses `{}`, so the inner defaults apply). */
export function sectionSetting<T extends z.core.$ZodLooseShape>(shape: T, description: string) {
  return section(shape)
    .prefault({} as never)
    .meta({ description });
}

/** A setting computed from others when not set: `defaultText` says from what, in the reference. */
export function derivedSetting<T extends z.ZodType>(schema: T, description: string, defaultText: string) {
  return schema.optional().meta({ description, defaultText });
}

/** A setting without a default: absent means "not set", and the line says what that does. */
export function optionalSetting<T extends z.ZodType>(schema: T, description: string) {
  return schema.optional().meta({ description });
}
