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
  ])('refuses %p: %s', (query, message) => {
    const refuse = () => parseGreetQuery(query as Record<string, unknown>);

    expect(refuse).toThrow(InvalidFieldException);
    expect(refuse).toThrow(message);
  });
});

describe('parseGreetQuery and control characters', () => {
  it('refuses exactly the characters of Unicode category Cc', () => {
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
      if (refused(text) !== /\p{Cc}/u.test(text)) mismatches.push(code.toString(16));
    }
    expect(mismatches).toEqual([]);
  });
});
