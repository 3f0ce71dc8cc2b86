import { MALFORMED_QUERY, parseStrictQueryString } from './strict-query-string';

describe('parseStrictQueryString', () => {
  it.each([
    ['', {}],
    ['name=Ada', { name: 'Ada' }],
    ['name=Zo%C3%AB', { name: 'Zoë' }],
    ['name=a+b', { name: 'a b' }],
    ['name=a%2Bb', { name: 'a+b' }],
    ['name=Tom%20%26%20Jerry', { name: 'Tom & Jerry' }],
    ['name=a&name=b&name=c', { name: ['a', 'b', 'c'] }],
    ['flag&name=', { flag: '', name: '' }],
    ['a=1=2', { a: '1=2' }],
    ['&&name=Ada&', { name: 'Ada' }],
  ])('reads %p', (raw, expected) => {
    const query = parseStrictQueryString(raw);

    expect({ ...query }).toEqual(expected);
    expect(query[MALFORMED_QUERY]).toBeUndefined();
  });

  it.each([
    ['name=%E0%A4%A', 'name'],
    ['name=%ZZ', 'name'],
    ['na%ZZme=x', 'na%ZZme'],
    ['ok=1&name=%', 'name'],
  ])('marks %p as malformed, naming %p', (raw, field) => {
    expect(parseStrictQueryString(raw)[MALFORMED_QUERY]).toBe(field);
  });

  it('keeps __proto__ and constructor as plain fields, out of reach of Object.prototype', () => {
    const query = parseStrictQueryString('__proto__=x&constructor=y');

    expect(Object.keys(query)).toEqual(['__proto__', 'constructor']);
    expect(query['__proto__' as string]).toBe('x');
    expect(query['constructor' as string]).toBe('y');
    expect(query instanceof Object).toBe(false);
  });
});
