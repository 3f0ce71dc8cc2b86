import { AssertionError } from 'node:assert';
import { join } from 'node:path';

// The stand-in the build bundles for node:assert (apps/greeter/scripts/build.mjs).
const deferredAssert = require(join(__dirname, '../../apps/greeter/scripts/deferred-assert.cjs'));

describe('the deferred node:assert the bundles carry', () => {
  it('passes a truthy value without a word', () => {
    expect(() => deferredAssert(1, 'unused')).not.toThrow();
  });

  it("throws node:assert's own AssertionError for a falsy value", () => {
    expect(() => deferredAssert(0, 'Method should be a string')).toThrow(new AssertionError({ message: 'Method should be a string' }));
    try {
      deferredAssert(false, 'x');
    } catch (error) {
      expect(error).toBeInstanceOf(AssertionError);
      expect((error as AssertionError).code).toBe('ERR_ASSERTION');
    }
    expect.assertions(3);
  });

  it('throws the error it is given, as node:assert does', () => {
    const given = new TypeError('bad route');
    expect(() => deferredAssert(null, given)).toThrow(given);
  });

  it("hands every other use to node:assert's own functions", () => {
    expect(() => deferredAssert.strictEqual(1, 2)).toThrow(AssertionError);
    expect(deferredAssert.AssertionError).toBe(AssertionError);
  });
});
