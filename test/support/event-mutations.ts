import type { SeededRandom } from './seeded-random';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

/** JSON values an event field should never hold, or text meant to break whatever reads it. */
const HOSTILE_VALUES: Json[] = [
  null,
  true,
  0,
  -1,
  1e21,
  '',
  '\ud800',
  'A\udc00da',
  '\u202eevil',
  '%',
  '%E0%A4%A',
  '%ZZ',
  '/',
  '//x/../..',
  'GET',
  'BREW',
  '2.0',
  'name=\ud83d',
  'x'.repeat(5_000),
  '\u0000\r\n',
  {},
  [],
  ['\ud800'],
  [1, null],
  { name: ['Ada', 7] },
  { name: '\udfff' },
];

/** Text spliced into an existing string: lone surrogates, controls, bidi overrides, escapes. */
const HOSTILE_TEXT = ['\ud800', '\udc00', '\u0000', '\n', '\u202e', '\u2066', '\u2028', '%', '%C3', '&name=', '?', '#', '\u{1F469}\u200d\u{1F4BB}'];

const ADDED_KEYS = [
  'name',
  'multiValueQueryStringParameters',
  'queryStringParameters',
  'multiValueHeaders',
  'cookies',
  'rawQueryString',
  'x-request-id',
  '__proto__',
  'type',
];

/** Every place a value sits in the event: its container and key. */
function slotsOf(value: Json, slots: Array<[Container, string | number]> = []): Array<[Container, string | number]> {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      slots.push([value, index]);
      slotsOf(item, slots);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      slots.push([value, key]);
      slotsOf(item, slots);
    }
  }
  return slots;
}

function containersOf(value: Json): Container[] {
  const containers: Container[] = value !== null && typeof value === 'object' ? [value] : [];
  for (const [container, key] of slotsOf(value)) {
    const item = (container as Record<string | number, Json>)[key];
    if (item !== null && typeof item === 'object') containers.push(item);
  }
  return containers;
}

/**
 * Applies one to three random mutations to `event` (changed in place, and
 * returned): a field replaced by a hostile value, deleted, a string spliced
 * with hostile text, or a key added.
 */
export function mutateEvent(event: Json, random: SeededRandom): Json {
  let mutated = event;
  const count = 1 + random.int(3);
  for (let i = 0; i < count; i++) {
    const slots = slotsOf(mutated);
    if (slots.length === 0 || random.int(50) === 0) {
      mutated = random.pick(HOSTILE_VALUES);
      continue;
    }
    const [container, key] = random.pick(slots);
    const record = container as Record<string | number, Json>;
    switch (random.int(4)) {
      case 0:
        record[key] = structuredClone(random.pick(HOSTILE_VALUES));
        break;
      case 1:
        if (Array.isArray(container)) container.splice(key as number, 1);
        else delete record[key];
        break;
      case 2: {
        const text = typeof record[key] === 'string' ? (record[key] as string) : 'Ada';
        const at = random.int(text.length + 1);
        record[key] = text.slice(0, at) + random.pick(HOSTILE_TEXT) + text.slice(at);
        break;
      }
      default: {
        const target = random.pick(containersOf(mutated));
        if (Array.isArray(target)) target.push(structuredClone(random.pick(HOSTILE_VALUES)));
        // As JSON.parse makes it: an own property, even for "__proto__".
        else
          Object.defineProperty(target, random.pick(ADDED_KEYS), {
            value: structuredClone(random.pick(HOSTILE_VALUES)),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
    }
  }
  return mutated;
}

/** One of each JSON type, nested arrays and maps included: what a slot meant for a string, list or map may hold instead. */
const WRONG_TYPES: Json[] = [null, true, 7, 'Ada', [], [null], [['Ada']], [7, 'Ada'], {}, { name: null }, { name: ['Ada', null] }, { name: { nested: 'Ada' } }];

/**
 * Every event one wrong type away from `event`: each value in it replaced by each of WRONG_TYPES,
 * and each list and map given one more entry of each type. Deterministic, so every multi-value
 * map and nested object of every shape is covered, not only the ones a random walk reaches.
 */
export function* wrongTypeVariants(event: Json): Generator<{ at: string; event: Json }> {
  const paths: Array<Array<string | number>> = [];
  const walk = (value: Json, path: Array<string | number>) => {
    if (value === null || typeof value !== 'object') return;
    paths.push(path);
    for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) walk(item, [...path, key]);
  };
  walk(event, []);
  const at = (root: Json, path: Array<string | number>) => path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key] as Json, root);
  for (const path of paths) {
    const container = at(event, path) as Container;
    const keys = Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
    for (const wrong of WRONG_TYPES) {
      for (const key of keys) {
        const copy = structuredClone(event);
        (at(copy, path) as Record<string | number, Json>)[key] = structuredClone(wrong);
        yield { at: [...path, key].join('.'), event: copy };
      }
      const grown = structuredClone(event);
      const target = at(grown, path) as Container;
      if (Array.isArray(target)) target.push(structuredClone(wrong));
      else target['x-added'] = structuredClone(wrong);
      yield { at: `${[...path, '+'].join('.')}`, event: grown };
    }
  }
}
