// The dependency rewrites: work that NestJS, Fastify and their dependencies do at import or per
// request that this app needs late or never, deferred to first use, skipped, or left out of the
// bundle. Each says what it saves: the median ratio of 41 alternating pairs of whole-process cold
// starts (import and first HTTP API invoke of the minified Lambda artifact, Node 22.23, 2 cores,
// 2026-12-06), with the rewrite against the same build without it (bench/build-rewrite-variants.mjs
// builds the pairs). The same artifact against itself gave 1.00 (single pairs 0.89 to 1.12), so
// ratios of 0.98 to 1.00 are within what 41 pairs resolve. Two rewrites measured 1.00 and 1.04 and
// were removed: a stand-in for node:assert and the deferral of Nest's TLS import, both loaded by
// Node 22's own node:http anyway.
import { readFile } from 'node:fs/promises';

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
export const DEFERRED_WORK = {
  // https/http2 servers and DNS look-ups on listen: paths this app never takes. Cold start 0.98×.
  'fastify/lib/server.js': ['node:https', 'node:http2', 'node:dns'].map(lazyRequire),
  // Version checks of plugins that declare one. Cold start 0.98×.
  'fastify/lib/plugin-utils.js': [lazyRequire('semver')],
  // Cold start 0.92× and 0.94×: each builds a formatter of its own.
  '@nestjs/common/services/logger.service.js': lazyDateTimeFormatter,
  '@nestjs/common/services/console-logger.service.js': lazyDateTimeFormatter,
  // light-my-request validates the options of every injected request with a
  // large generated validator; the Lambda handler turns that off (its requests
  // are built from checked events), so the validator is loaded only if asked for. Cold start 0.99×;
  // 1.4 ms of the first invoke when it was added (Node 20).
  'light-my-request/index.js': [lazyRequire('./lib/config-validator')],
  // @fastify/middie, which Nest registers only for Nest middleware (the app has none: skipMiddie). Cold start 0.99×.
  '@nestjs/platform-fastify/adapters/fastify-adapter.js': [
    { eager: "import middie from '@fastify/middie';", lazy: '' },
    { eager: 'await this.register(middie);', lazy: "await this.register(require('@fastify/middie'));" },
  ],
  // Per request: whether a handler's plain-object result wraps a stream is
  // asked only when the handler produced a stream. Nest asked the costly
  // question first (isPlainObject stringifies the constructor's source twice):
  // 1.5% of the server's CPU per request. Both checks are pure; only the order changes.
  // Per request, so the cold-start pairs cannot see it (1.01×); the server's paired rounds did.
  '@nestjs/core/router/router-execution-context.js': [
    {
      eager: 'if (!isPlainObject(result) || !handlerStreams.some(isStreamingBody)) {',
      lazy: 'if (!handlerStreams.some(isStreamingBody) || !isPlainObject(result)) {',
    },
  ],
  // The proxy-address parser (and ipaddr.js under it), used only with Fastify's
  // `trustProxy` option, which this app does not set. Cold start 1.01×: within the noise; kept while
  // it costs nothing to keep (one edit the build checks).
  'fastify/lib/request.js': [lazyRequire('@fastify/proxy-addr')],
  // Nest's deep-hash module ids, used only with moduleIdGeneratorAlgorithm: 'deep-hash' (the default is 'reference'). Cold start 0.99×.
  '@nestjs/core/injector/opaque-key-factory/deep-hashed-module-opaque-key-factory.js': [
    { eager: "import _stringify from 'fast-safe-stringify';", lazy: '' },
    {
      eager: 'const stringify = (_stringify.default ?? _stringify);',
      lazy: "const stringify = (...args) => { const s = require('fast-safe-stringify'); return (s.default ?? s)(...args); };",
    },
  ],
  // find-my-way checks its own three constant regular expressions on every
  // import (they never change; its tests cover them) with a regex parser that
  // is otherwise needed only for regex routes, which this app has none of. Cold start 0.99×.
  'find-my-way/index.js': [
    { eager: "const isRegexSafe = require('safe-regex2')", lazy: "const isRegexSafe = (regex) => require('safe-regex2')(regex)" },
    ...['OPTIONAL_PARAM_REGEXP', 'ESCAPE_REGEXP', 'REMOVE_DUPLICATE_SLASHES_REGEXP'].map((name) => ({
      eager: `if (!isRegexSafe(${name})) {`,
      lazy: 'if (false) {',
    })),
  ],
};
/** The DEFERRED_WORK edits, but for the files in `skip` (to measure one); the build fails if a listed file is bundled unpatched. */
const deferDependencyWork = (skip = []) => ({
  name: 'defer-dependency-work',
  setup(pluginBuild) {
    const files = Object.keys(DEFERRED_WORK).filter((file) => !skip.includes(file));
    const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('/', '[\\\\/]');
    const filter = new RegExp(`(${files.map(escape).join('|')})$`);
    const patched = new Set();
    pluginBuild.onStart(() => patched.clear());
    pluginBuild.onEnd((result) => {
      const bundled = Object.keys(result.metafile?.inputs ?? {}).map((input) => input.replaceAll('\\', '/'));
      for (const file of files) {
        if (bundled.some((input) => input.endsWith(file)) && !patched.has(file)) {
          throw new Error(`defer-dependency-work: ${file} was bundled without being patched; update the build`);
        }
      }
    });
    pluginBuild.onLoad({ filter }, async ({ path }) => {
      const file = files.find((suffix) => path.replaceAll('\\', '/').endsWith(suffix));
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
});

// Optional integrations Nest loads only when an app uses them; this one does
// not, and the artifacts leave them out. Nest still tries to import some of
// them at start (microservices, websockets): left external, each attempt is a
// failed module resolution on disk, about 2 ms of every cold start. Bundled as
// a module that fails to load, the attempt fails at once, with the same error
// code an uninstalled package gives. Cold start 0.99× against leaving them external.
export const NEST_OPTIONAL_PACKAGES = [
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
      contents: `throw Object.assign(new Error(${JSON.stringify(`Cannot find package '${path}': the greeter build leaves it out (apps/greeter/scripts/dependency-rewrites.mjs)`)}), { code: 'ERR_MODULE_NOT_FOUND' });`,
      loader: 'js',
    }));
  },
};

/** What `skip` may name besides a DEFERRED_WORK file: the rewrite that is a plugin of its own. */
export const REWRITE_PLUGINS = ['left-out-packages'];

/** Every rewrite as esbuild plugins, but those named in `skip` (a DEFERRED_WORK file, or one of REWRITE_PLUGINS). */
export function dependencyRewrites({ skip = [] } = {}) {
  return [deferDependencyWork(skip), leftOutPackages].filter((plugin) => !skip.includes(plugin.name));
}
