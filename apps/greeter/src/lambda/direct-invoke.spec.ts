import { directInvokeUrl, isDirectInvokeEvent, toDirectInvokeResult } from './direct-invoke';

describe('direct invoke', () => {
  it.each([[{}], [{ name: 'Ada' }], [{ name: null }], [{ name: 7 }]])('recognises %p as a direct invoke', (event) => {
    expect(isDirectInvokeEvent(event)).toBe(true);
  });

  it.each([[null], ['Ada'], [[]], [{ name: 'Ada', extra: 1 }], [{ httpMethod: 'GET' }]])('does not take %p for one', (event) => {
    expect(isDirectInvokeEvent(event)).toBe(false);
  });

  it('asks GET /greet with the name percent-encoded', () => {
    expect(directInvokeUrl({ name: 'Tom & Jerry' })).toBe('/greet?name=Tom%20%26%20Jerry');
    expect(directInvokeUrl({})).toBe('/greet');
    expect(directInvokeUrl({ name: null })).toBe('/greet');
  });

  it('answers a name that is not a string without asking the app', () => {
    expect(directInvokeUrl({ name: 7 as unknown as string })).toEqual({ statusCode: 400, body: 'name must be a string' });
  });

  it("turns the app's JSON answer into the plain-text body of the original contract", () => {
    expect(toDirectInvokeResult(200, '{"message":"Hello, Ada!"}')).toEqual({ statusCode: 200, body: 'Hello, Ada!' });
    expect(toDirectInvokeResult(400, '{"statusCode":400,"message":"name must be a string"}')).toEqual({ statusCode: 400, body: 'name must be a string' });
  });
});
