import { NO_ROUTE_SCHEMAS } from './no-route-schemas';

describe('NO_ROUTE_SCHEMAS', () => {
  it('refuses a route schema with a message that says what to do instead', () => {
    const compile = NO_ROUTE_SCHEMAS.compilersFactory.buildValidator();

    expect(() => compile()).toThrow(/validate input with a Nest param decorator or pipe/);
  });

  it('refuses a response schema', () => {
    expect(() => NO_ROUTE_SCHEMAS.compilersFactory.buildSerializer()()).toThrow(/Response schemas are not supported/);
  });
});
