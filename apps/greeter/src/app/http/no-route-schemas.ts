/**
 * Fastify compilers that refuse JSON schemas on routes. The app validates
 * input once, at the edge, where a handler reads it (a Nest param decorator or
 * pipe); passing these keeps Fastify from loading ajv and fast-json-stringify,
 * which the Lambda bundle then leaves out.
 */
export const NO_ROUTE_SCHEMAS = {
  compilersFactory: {
    buildValidator: () => () => {
      throw new Error('Route schemas are not supported: validate input with a Nest param decorator or pipe (see apps/greeter/src/app/greet/greet-query.ts).');
    },
    buildSerializer: () => () => {
      throw new Error('Response schemas are not supported: controllers return plain objects, serialized with JSON.stringify.');
    },
  },
};
