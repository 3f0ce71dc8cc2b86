import { InvalidFieldException } from '../http/invalid-field.exception';
import { parseGreetQuery } from './greet-query';

describe('parseGreetQuery', () => {
  it.each([
    [{}, 'World'],
    [{ name: '' }, 'World'],
    [{ name: 'Ada' }, 'Ada'],
    [{ name: 'Zoë' }, 'Zoë'],
    [{ name: '李'.repeat(100) }, '李'.repeat(100)],
    [{ name: '😀'.repeat(100) }, '😀'.repeat(100)],
    [{ name: 'Ada', other: ['x', 'y'] }, 'Ada'],
    // Emoji ZWJ sequences: woman technologist, family, rainbow flag (with a variation selector).
    [{ name: '\u{1F469}\u200D\u{1F4BB}' }, '\u{1F469}\u200D\u{1F4BB}'],
    [{ name: 'Ada \u{1F468}\u200D\u{1F469}\u200D\u{1F467}' }, 'Ada \u{1F468}\u200D\u{1F469}\u200D\u{1F467}'],
    [{ name: '\u{1F3F3}\uFE0F\u200D\u{1F308}' }, '\u{1F3F3}\uFE0F\u200D\u{1F308}'],
    // Left-to-right and right-to-left marks are ordinary in mixed-script names.
    [{ name: 'Ada \u200F\u05E9\u05E8\u05D4' }, 'Ada \u200F\u05E9\u05E8\u05D4'],
  ])('reads %p as the name %p', (query, name) => {
    expect(parseGreetQuery(query)).toEqual({ name });
  });

  it.each([
    [{ name: ['Ada', 'Grace'] }, 'name must be given at most once'],
    [{ name: 'a'.repeat(101) }, 'name must be at most 100 characters'],
    [{ name: '😀'.repeat(101) }, 'name must be at most 100 characters'],
    [{ name: 'Ada\n' }, 'name must not contain control characters'],
    [{ name: 'A\u0000da' }, 'name must not contain control characters'],
    [{ name: 'A\u009bda' }, 'name must not contain control characters'],
    [{ name: 42 }, 'name must be a string'],
    [{ name: 'Ada\u202Egnp.exe' }, 'name must not contain bidirectional override or isolate controls, or line or paragraph separators'],
    [{ name: '\u2066Ada\u2069' }, 'name must not contain bidirectional override'],
    [{ name: 'Ada\u2028INFO forged' }, 'or line or paragraph separators'],
    [{ name: 'Ada\u2029' }, 'or line or paragraph separators'],
  ])('refuses %p: %s', (query, message) => {
    const refuse = () => parseGreetQuery(query as Record<string, unknown>);

    expect(refuse).toThrow(InvalidFieldException);
    expect(refuse).toThrow(message);
  });
});

describe('parseGreetQuery and invisible controls', () => {
  const BIDI_AND_SEPARATORS = [0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];

  it('refuses exactly the characters of Unicode category Cc, the bidi embedding, override and isolate controls, and the line and paragraph separators', () => {
    const refused = (text: string): boolean => {
      try {
        parseGreetQuery({ name: text });
        return false;
      } catch {
        return true;
      }
    };
    const mismatches: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // lone surrogates are not characters
      const text = String.fromCharCode(code);
      const shouldRefuse = /\p{Cc}/u.test(text) || BIDI_AND_SEPARATORS.includes(code);
      if (refused(text) !== shouldRefuse) mismatches.push(code.toString(16));
    }
    expect(mismatches).toEqual([]);
  });
});
