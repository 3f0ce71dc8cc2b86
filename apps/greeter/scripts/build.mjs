// Builds the greeter's two deployable artifacts from the same source `nx serve` runs:
//   dist/apps/greeter/lambda/index.mjs + greeter-lambda.zip  (handler: index.handler)
//   dist/apps/greeter/server/main.mjs                        (runs with plain `node`)
// Both are single ESM files that need no node_modules.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { transform } from '@swc/core';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { MANIFEST_FILE, writeBuildManifest } from './build-manifest.mjs';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = join(appRoot, '../..');
export const outDir = join(workspaceRoot, 'dist/apps/greeter');

// esbuild cannot emit decorator metadata, which Nest's dependency injection
// reads; without it constructor parameters are silently `undefined`. swc
// compiles each TypeScript file first, keeping that metadata.
const swcDecoratorMetadata = {
  name: 'swc-decorator-metadata',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
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
      return { contents: code, loader: 'js' };
    });
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

// Work that dependencies do, when imported or per request, that this app needs
// late or never: deferred to first use (or, for a self-check of constants,
// skipped). Each edit names text that must be in the file: the build fails if
// it is gone (or a listed file is bundled unpatched), so an upgrade cannot
// silently bring the cost back to every cold start or every request.
// A lazy require is still a static require inside a closure, so the module stays in the bundle.
// The stand-in loads the module on its first property read or call, so it serves modules that export a function too.
const LAZY_HELPER =
  'const __lazy = (load) => { let loaded; return new Proxy(() => {}, { get: (_, key) => (loaded ??= load())[key], apply: (_, self, args) => Reflect.apply((loaded ??= load()), self, args) }); };';
const lazyRequire = (id) => ({ eager: `require('${id}')`, lazy: `__lazy(() => require('${id}'))`, helper: LAZY_HELPER });
// Nest's two loggers build an Intl date formatter at import, for timestamps of
// lines this app never prints (it logs through JsonLogger): the first
// Intl.DateTimeFormat loads ICU's locale data, 10 ms of every cold start.
const lazyDateTimeFormatter = [
  {
    eager: 'const dateTimeFormatter = new Intl.DateTimeFormat(',
    lazy: 'let __formatter; const dateTimeFormatter = () => __formatter ??= new Intl.DateTimeFormat(',
  },
  { eager: 'dateTimeFormatter.format(', lazy: 'dateTimeFormatter().format(' },
];
const DEFERRED_WORK = {
  // https/http2 servers and DNS look-ups on listen: paths this app never takes.
  'fastify/lib/server.js': ['node:https', 'node:http2', 'node:dns'].map(lazyRequire),
  // Version checks of plugins that declare one.
  'fastify/lib/plugin-utils.js': [lazyRequire('semver')],
  '@nestjs/common/services/logger.service.js': lazyDateTimeFormatter,
  '@nestjs/common/services/console-logger.service.js': lazyDateTimeFormatter,
  // The TLS module, only to tell an https server from an http one when printing its URL.
  '@nestjs/core/nest-application.js': [
    { eager: "import { Server as TlsServer } from 'tls';", lazy: '' },
    { eager: 'instanceof TlsServer', lazy: "instanceof require('node:tls').Server" },
  ],
  // light-my-request validates the options of every injected request with a
  // large generated validator; the Lambda handler turns that off (its requests
  // are built from checked events), so the validator is loaded only if asked for.
  'light-my-request/index.js': [lazyRequire('./lib/config-validator')],
  // @fastify/middie, which Nest registers only for Nest middleware (the app has none: skipMiddie).
  '@nestjs/platform-fastify/adapters/fastify-adapter.js': [
    { eager: "import middie from '@fastify/middie';", lazy: '' },
    { eager: 'await this.register(middie);', lazy: "await this.register(require('@fastify/middie'));" },
  ],
  // Per request: whether a handler's plain-object result wraps a stream is
  // asked only when the handler produced a stream. Nest asked the costly
  // question first (isPlainObject stringifies the constructor's source twice):
  // 1.5% of the server's CPU per request. Both checks are pure; only the order changes.
  '@nestjs/core/router/router-execution-context.js': [
    {
      eager: 'if (!isPlainObject(result) || !handlerStreams.some(isStreamingBody)) {',
      lazy: 'if (!handlerStreams.some(isStreamingBody) || !isPlainObject(result)) {',
    },
  ],
  // The proxy-address parser (and ipaddr.js under it), used only with Fastify's
  // `trustProxy` option, which this app does not set.
  'fastify/lib/request.js': [lazyRequire('@fastify/proxy-addr')],
  // Nest's deep-hash module ids, used only with moduleIdGeneratorAlgorithm: 'deep-hash' (the default is 'reference').
  '@nestjs/core/injector/opaque-key-factory/deep-hashed-module-opaque-key-factory.js': [
    { eager: "import _stringify from 'fast-safe-stringify';", lazy: '' },
    {
      eager: 'const stringify = (_stringify.default ?? _stringify);',
      lazy: "const stringify = (...args) => { const s = require('fast-safe-stringify'); return (s.default ?? s)(...args); };",
    },
  ],
  // find-my-way checks its own three constant regular expressions on every
  // import (they never change; its tests cover them) with a regex parser that
  // is otherwise needed only for regex routes, which this app has none of.
  'find-my-way/index.js': [
    { eager: "const isRegexSafe = require('safe-regex2')", lazy: "const isRegexSafe = (regex) => require('safe-regex2')(regex)" },
    ...['OPTIONAL_PARAM_REGEXP', 'ESCAPE_REGEXP', 'REMOVE_DUPLICATE_SLASHES_REGEXP'].map((name) => ({
      eager: `if (!isRegexSafe(${name})) {`,
      lazy: 'if (false) {',
    })),
  ],
};
const deferDependencyWork = {
  name: 'defer-dependency-work',
  setup(pluginBuild) {
    const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('/', '[\\\\/]');
    const filter = new RegExp(`(${Object.keys(DEFERRED_WORK).map(escape).join('|')})$`);
    const patched = new Set();
    pluginBuild.onStart(() => patched.clear());
    pluginBuild.onEnd((result) => {
      const bundled = Object.keys(result.metafile?.inputs ?? {}).map((input) => input.replaceAll('\\', '/'));
      for (const file of Object.keys(DEFERRED_WORK)) {
        if (bundled.some((input) => input.endsWith(file)) && !patched.has(file)) {
          throw new Error(`defer-dependency-work: ${file} was bundled without being patched; update the build`);
        }
      }
    });
    pluginBuild.onLoad({ filter }, async ({ path }) => {
      const file = Object.keys(DEFERRED_WORK).find((suffix) => path.replaceAll('\\', '/').endsWith(suffix));
      patched.add(file);
      let source = await readFile(path, 'utf8');
      const helpers = new Set();
      for (const { eager, lazy, helper } of DEFERRED_WORK[file]) {
        if (!source.includes(eager)) throw new Error(`defer-dependency-work: ${path} no longer has ${eager}; update the build`);
        source = source.replaceAll(eager, lazy);
        if (helper) helpers.add(helper);
      }
      return { contents: [...helpers, source].join('\n'), loader: 'js' };
    });
  },
};

// Fastify, find-my-way and light-my-request check their arguments with
// `assert(value, message)`. Loading node:assert costs about 0.5 ms of every cold
// start (it creates process.stderr for its colours); scripts/deferred-assert.cjs
// stands in for it and loads it only when an assertion fails.
const deferredAssert = {
  name: 'deferred-assert',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(node:)?assert$/ }, ({ namespace }) =>
      namespace === 'deferred-assert' ? { path: 'node:assert', external: true } : { path: 'assert', namespace: 'deferred-assert' },
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'deferred-assert' }, async () => ({
      contents: await readFile(join(appRoot, 'scripts/deferred-assert.cjs'), 'utf8'),
      loader: 'js',
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

// Optional integrations Nest loads only when an app uses them; this one does
// not, and the artifacts leave them out. Nest still tries to import some of
// them at start (microservices, websockets): left external, each attempt is a
// failed module resolution on disk, about 2 ms of every cold start. Bundled as
// a module that fails to load, the attempt fails at once, with the same error
// code an uninstalled package gives.
const NEST_OPTIONAL_PACKAGES = [
  '@nestjs/microservices',
  '@nestjs/websockets',
  '@nestjs/platform-express',
  'class-transformer',
  'class-validator',
  '@fastify/static',
  '@fastify/view',
  '@fastify/multipart',
];
const leftOutPackages = {
  name: 'left-out-packages',
  setup(pluginBuild) {
    const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const filter = new RegExp(`^(${NEST_OPTIONAL_PACKAGES.map(escape).join('|')})(/.*)?$`);
    pluginBuild.onResolve({ filter }, ({ path }) => ({ path, namespace: 'left-out-package' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'left-out-package' }, ({ path }) => ({
      contents: `throw Object.assign(new Error(${JSON.stringify(`Cannot find package '${path}': the greeter build leaves it out (apps/greeter/scripts/build.mjs)`)}), { code: 'ERR_MODULE_NOT_FOUND' });`,
      loader: 'js',
    }));
  },
};

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

// A fixed timestamp makes the zip byte-for-byte reproducible, so its hash changes only with the code.
const ZIP_MTIME = new Date('2020-01-01T00:00:00Z');

/** esbuild options that bundle `entry` as the artifacts are bundled; the bench builds its bare NestJS app with them too. */
export function bundleOptions({ entry, outfile, minify, keepIdentifiers = false }) {
  return {
    ...commonOptions,
    entryPoints: [entry],
    outfile,
    ...(minify && keepIdentifiers ? { minifySyntax: true, minifyWhitespace: true } : { minify }),
    // Minified, a source map is written beside each bundle, never into the zip:
    // `scripts/resolve-stack.mjs` turns a logged stack's positions into source files, lines and names.
    sourcemap: minify ? 'external' : 'inline',
    plugins: [swcDecoratorMetadata, rxjsEsm, deferDependencyWork, leftOutPackages, deferredAssert],
  };
}

/** esbuild options for one artifact; `nx serve` uses them too, unminified. */
export function esbuildOptionsFor(name, { minify }) {
  const artifact = artifacts[name];
  return bundleOptions({ entry: join(appRoot, artifact.entry), outfile: join(outDir, artifact.outfile), minify, keepIdentifiers: artifact.keepIdentifiers });
}

async function buildArtifact(name, { minify }) {
  const artifact = artifacts[name];
  const outfile = join(outDir, artifact.outfile);
  const result = await build(esbuildOptionsFor(name, { minify }));
  await writeFile(`${outfile}.meta.json`, JSON.stringify(result.metafile));
  const sizes = { [relative(workspaceRoot, outfile)]: (await stat(outfile)).size };
  if (artifact.zip) {
    const zip = zipSync({ 'index.mjs': [await readFile(outfile), { mtime: ZIP_MTIME, level: 9 }] });
    const zipPath = join(outDir, artifact.zip);
    await writeFile(zipPath, zip);
    sizes[relative(workspaceRoot, zipPath)] = zip.length;
  }
  return sizes;
}

async function main() {
  const { values } = parseArgs({ options: { dev: { type: 'boolean', default: false }, only: { type: 'string' } } });
  const names = values.only ? values.only.split(',') : Object.keys(artifacts);
  for (const name of names) {
    if (!artifacts[name]) throw new Error(`unknown artifact "${name}"; choose from ${Object.keys(artifacts).join(', ')}`);
  }
  if (!values.only) await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const started = performance.now();
  for (const name of names) {
    const sizes = await buildArtifact(name, { minify: !values.dev && name !== 'serve-lambda' });
    for (const [file, bytes] of Object.entries(sizes)) console.log(`  built ${file}  ${(bytes / 1024).toFixed(1)} KiB`);
  }
  if (!values.only) {
    const manifest = writeBuildManifest(workspaceRoot, outDir);
    console.log(`  sources ${manifest.sourceHash.slice(0, 12)}…  (${MANIFEST_FILE})`);
  }
  console.log(`greeter artifacts built in ${Math.round(performance.now() - started)} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`build failed: ${error.message}`);
    process.exit(1);
  });
}
