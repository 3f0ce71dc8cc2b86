// How the greeter's code is bundled: swc first (decorator metadata), then esbuild into one ESM file
// that needs no node_modules, with the dependency rewrites (dependency-rewrites.mjs).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from '@swc/core';
import { dependencyRewrites } from './dependency-rewrites.mjs';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const workspaceRoot = join(appRoot, '../..');
export const outDir = join(workspaceRoot, 'dist/apps/greeter');

// esbuild cannot emit decorator metadata, which Nest's dependency injection
// reads; without it constructor parameters are silently `undefined`. swc
// compiles each TypeScript file first, keeping that metadata.
export async function compileTypeScript(path, source) {
  const { code } = await transform(source, {
    filename: path,
    sourceMaps: false,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'es6' },
  });
  return code;
}

const swcDecoratorMetadata = {
  name: 'swc-decorator-metadata',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({ contents: await compileTypeScript(path, await readFile(path, 'utf8')), loader: 'js' }));
  },
};

// rxjs's package exports send Node to its CommonJS build, which cannot be tree-shaken;
// its ES module build can, and Nest uses only a few operators (about 150 KiB less).
const rxjsEsm = {
  name: 'rxjs-esm',
  setup(pluginBuild) {
    const esm = join(workspaceRoot, 'node_modules/rxjs/dist/esm5');
    pluginBuild.onResolve({ filter: /^rxjs(\/operators)?$/ }, ({ path }) => ({
      path: join(esm, path === 'rxjs' ? 'index.js' : 'operators/index.js'),
    }));
  },
};

// Fastify's JSON-schema compilers (ajv, fast-json-stringify: about 250 KiB) are
// never loaded: the app validates at the edge where a handler reads its input, and passes
// compilers that refuse route schemas (see create-greeter-app.ts).
const FASTIFY_SCHEMA_COMPILERS = ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler'];

// Fastify loads pino only when its own logger is on; the app turns it off and
// logs through JsonLogger (see create-greeter-app.ts).
const FASTIFY_LOGGER = ['pino'];

// Bundled CommonJS dependencies call `require` for Node built-ins; ESM has none by default.
const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const commonOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  tsconfig: join(workspaceRoot, 'tsconfig.base.json'),
  external: [...FASTIFY_SCHEMA_COMPILERS, ...FASTIFY_LOGGER],
  banner: { js: REQUIRE_SHIM },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

export const artifacts = {
  lambda: { entry: 'src/lambda.ts', outfile: 'lambda/index.mjs', zip: 'greeter-lambda.zip' },
  // The server is minified without renaming identifiers, so its stack traces and
  // Nest's log contexts say `GreetController`, not `r`; it has no size budget
  // (1.0 MB instead of 0.7 MB) and answers as fast (3-round A/B: 28.9k vs 28.1k
  // requests per CPU-second). esbuild's keepNames would cost every request: it
  // names each closure as it is created, and Fastify and Nest create several per
  // request (15.1k vs 28.1k). The Lambda artifact renames, for its size and cold
  // start; its stacks are read through the source map.
  server: { entry: 'src/main.ts', outfile: 'server/main.mjs', keepIdentifiers: true },
  'serve-lambda': { entry: 'src/dev/serve-lambda.ts', outfile: 'dev/serve-lambda.mjs' },
};

/** esbuild options that bundle `entry` as the artifacts are bundled; the bench builds its bare NestJS app with them too. */
export function bundleOptions({ entry, outfile, minify, keepIdentifiers = false, skipRewrites = [], sourcePlugins = [] }) {
  return {
    ...commonOptions,
    entryPoints: [entry],
    outfile,
    ...(minify && keepIdentifiers ? { minifySyntax: true, minifyWhitespace: true } : { minify }),
    // Minified, a source map is written beside each bundle, never into the zip:
    // `scripts/resolve-stack.mjs` turns a logged stack's positions into source files, lines and names.
    sourcemap: minify ? 'external' : 'inline',
    // A source plugin (a bench's variant of a file) loads its files before swc sees them.
    plugins: [...sourcePlugins, swcDecoratorMetadata, rxjsEsm, ...dependencyRewrites({ skip: skipRewrites })],
  };
}

/** esbuild options for one artifact; `nx serve` uses them too, unminified. */
export function esbuildOptionsFor(name, { minify }) {
  const artifact = artifacts[name];
  return bundleOptions({ entry: join(appRoot, artifact.entry), outfile: join(outDir, artifact.outfile), minify, keepIdentifiers: artifact.keepIdentifiers });
}
