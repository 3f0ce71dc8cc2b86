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

// Modules that Fastify requires at start-up but uses only on paths this app
// never takes (https/http2 servers, DNS look-ups on listen, version checks of
// plugins that declare one): loaded on first use instead. About 8 ms of a cold
// start. The build fails if a listed require disappears from its file.
const LAZY_REQUIRES = {
  'fastify/lib/server.js': ['node:https', 'node:http2', 'node:dns'],
  'fastify/lib/plugin-utils.js': ['semver'],
};
const lazyRequires = {
  name: 'lazy-requires',
  setup(pluginBuild) {
    const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('/', '[\\\\/]');
    const filter = new RegExp(`(${Object.keys(LAZY_REQUIRES).map(escape).join('|')})$`);
    const patched = new Set();
    pluginBuild.onStart(() => patched.clear());
    // A listed file that is bundled but was not patched (the filter no longer matches) must fail the build, not cold starts.
    pluginBuild.onEnd((result) => {
      const bundled = Object.keys(result.metafile?.inputs ?? {}).map((input) => input.replaceAll('\\', '/'));
      for (const file of Object.keys(LAZY_REQUIRES)) {
        if (bundled.some((input) => input.endsWith(file)) && !patched.has(file)) {
          throw new Error(`lazy-requires: ${file} was bundled without being patched; update the build`);
        }
      }
    });
    pluginBuild.onLoad({ filter }, async ({ path }) => {
      const file = Object.keys(LAZY_REQUIRES).find((suffix) => path.replaceAll('\\', '/').endsWith(suffix));
      patched.add(file);
      let source = await readFile(path, 'utf8');
      for (const id of LAZY_REQUIRES[file]) {
        const eager = `require('${id}')`;
        if (!source.includes(eager)) throw new Error(`lazy-requires: ${path} no longer has ${eager}; update the build`);
        // Still a static require inside the closure, so the module stays in the bundle.
        source = source.replace(eager, `__lazy(() => ${eager})`);
      }
      const helper = 'const __lazy = (load) => { let loaded; return new Proxy({}, { get: (_, key) => (loaded ??= load())[key] }); };\n';
      return { contents: helper + source, loader: 'js' };
    });
  },
};

// Fastify's JSON-schema compilers (ajv, fast-json-stringify: about 250 KiB) are
// never loaded: the app validates at the edge with its own pipe and passes
// compilers that refuse route schemas (see create-greeter-app.ts).
const FASTIFY_SCHEMA_COMPILERS = ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler'];

// Fastify loads pino only when its own logger is on; the app turns it off and
// logs through JsonLogger (see create-greeter-app.ts).
const FASTIFY_LOGGER = ['pino'];

// Optional integrations Nest loads only when an app uses them; this one does not.
const NEST_OPTIONAL_PACKAGES = [
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/websockets',
  '@nestjs/websockets/*',
  '@nestjs/platform-express',
  'class-transformer',
  'class-validator',
  '@fastify/static',
  '@fastify/view',
  '@fastify/multipart',
];

// Bundled CommonJS dependencies call `require` for Node built-ins; ESM has none by default.
const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const commonOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: join(workspaceRoot, 'tsconfig.base.json'),
  external: [...NEST_OPTIONAL_PACKAGES, ...FASTIFY_SCHEMA_COMPILERS, ...FASTIFY_LOGGER],
  banner: { js: REQUIRE_SHIM },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

export const artifacts = {
  lambda: { entry: 'src/lambda.ts', outfile: 'lambda/index.mjs', zip: 'greeter-lambda.zip' },
  server: { entry: 'src/main.ts', outfile: 'server/main.mjs' },
  'serve-lambda': { entry: 'src/dev/serve-lambda.ts', outfile: 'dev/serve-lambda.mjs' },
};

// A fixed timestamp makes the zip byte-for-byte reproducible, so its hash changes only with the code.
const ZIP_MTIME = new Date('2020-01-01T00:00:00Z');

/** esbuild options for one artifact; `nx serve` uses them too, unminified. */
export function esbuildOptionsFor(name, { minify }) {
  const artifact = artifacts[name];
  return {
    ...commonOptions,
    entryPoints: [join(appRoot, artifact.entry)],
    outfile: join(outDir, artifact.outfile),
    minify,
    sourcemap: minify ? false : 'inline',
    plugins: [swcDecoratorMetadata, rxjsEsm, lazyRequires],
  };
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
  console.log(`greeter artifacts built in ${Math.round(performance.now() - started)} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`build failed: ${error.message}`);
    process.exit(1);
  });
}
