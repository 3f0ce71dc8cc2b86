// What each piece of the greeter's per-request pipeline costs, measured the way the bench measures the
// server (paired-windows.mjs): the production server bundle with a piece left out, started fresh beside
// the bare NestJS floor in each window, requests per server CPU-second as a ratio to the floor's; and the
// floor against itself as the control, whose spread is what a difference must exceed to be real.
// Run: node apps/greeter/bench/pipeline-ablation.mjs [--windows 10] [--window-seconds 2] [--warmup-seconds 1]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { artifacts, bundleOptions, compileTypeScript } from '../scripts/bundle-options.mjs';
import { buildNestFloorInto, loadServer, startServer, stopServer } from './bench-servers.mjs';
import { pairedWindows, pinning } from './paired-windows.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const appSetup = /create-greeter-app\.ts$/;
const { values } = parseArgs({
  options: {
    windows: { type: 'string', default: '10' },
    'window-seconds': { type: 'string', default: '2' },
    'warmup-seconds': { type: 'string', default: '1' },
    connections: { type: 'string', default: '10' },
  },
});

// Each piece as create-greeter-app.ts registers it: removing one must match, or the file moved on.
const PIECES = {
  'access log': /\n {2}fastify\.addHook\('onResponse'[\s\S]*?\n {2}\}\);\n/,
  'onRequest hook (security headers, request id header, refusals)': /\n {2}fastify\.addHook\('onRequest'[\s\S]*?\n {2}\}\);\n/,
};
const VARIANTS = [
  { name: 'the greeter as shipped', without: [] },
  { name: 'without the access log', without: ['access log'] },
  { name: 'without the onRequest hook', without: ['onRequest hook (security headers, request id header, refusals)'] },
  { name: 'without both', without: Object.keys(PIECES) },
];

const step = (text) => process.stderr.write(`• ${text}\n`);
const scratch = mkdtempSync(join(tmpdir(), 'bench-ablation-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** The production server bundle, with the named pieces cut out of the app's setup. */
async function buildVariant({ name, without }, index) {
  const outfile = join(scratch, `variant-${index}`, 'main.mjs');
  const cut = {
    name: 'cut-pipeline-pieces',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: appSetup }, async ({ path }) => {
        let source = readFileSync(path, 'utf8');
        for (const piece of without) {
          if (!PIECES[piece].test(source)) throw new Error(`${name}: the ${piece} is no longer where this bench cuts it out of ${path}`);
          source = source.replace(PIECES[piece], '\n');
        }
        return { contents: await compileTypeScript(path, source), loader: 'js' };
      });
    },
  };
  const entry = join(here, '..', artifacts.server.entry);
  await build({ ...bundleOptions({ entry, outfile, minify: true, keepIdentifiers: true, sourcePlugins: [cut] }), logLevel: 'error' });
  return outfile;
}

async function main() {
  const windows = Number(values.windows);
  const loadFor = (seconds) => (server) => loadServer(server, { seconds, connections: Number(values.connections) });
  const floor = (await buildNestFloorInto(join(scratch, 'floor'))).server;
  const bundles = [];
  for (const [i, variant] of VARIANTS.entries()) bundles.push(await buildVariant(variant, i));
  step(`built ${VARIANTS.length} variants of the server and the floor`);
  const pin = pinning();
  pin?.pinLoadGenerator();
  const rows = [];
  try {
    const common = {
      windows,
      floor,
      startServer: (script, cpu) => startServer(script, {}, cpu),
      warmUp: loadFor(Number(values['warmup-seconds'])),
      load: loadFor(Number(values['window-seconds'])),
      stopServer,
      serverCpu: pin?.serverCpu,
    };
    for (const [i, variant] of [...VARIANTS, { name: 'control: the floor against itself' }].entries()) {
      const contender = bundles[i] ?? floor;
      const result = await pairedWindows({ ...common, contender, progress: (w) => step(`${variant.name}: window ${w}/${windows}`) });
      rows.push({ name: variant.name, ...result });
    }
  } finally {
    pin?.unpinLoadGenerator();
  }
  const lines = [
    `| against the bare NestJS floor (${windows} paired windows of ${values['window-seconds']} s${pin ? ', servers pinned to one core' : ''}) | median | range |`,
    '|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.median.toFixed(2)}× | ${r.min.toFixed(2)}–${r.max.toFixed(2)} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n\nNode ${process.version}\n`);
}

await main();
