// Builds the Lambda artifact once with every dependency rewrite and once without each one, so each
// rewrite's gain can be measured as paired whole-process cold starts:
//   node apps/greeter/bench/build-rewrite-variants.mjs DIR
//   then, per rewrite, alternate `node apps/greeter/bench/cold-start-probe.mjs DIR/all/index.mjs`
//   with the same command on DIR/<rewrite>/index.mjs, each in its own folder (no node_modules within reach).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';
import { DEFERRED_WORK, NEST_OPTIONAL_PACKAGES, REWRITE_PLUGINS } from '../scripts/dependency-rewrites.mjs';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node apps/greeter/bench/build-rewrite-variants.mjs DIR\n');
  process.exit(2);
}
const entry = new URL('../src/lambda.ts', import.meta.url).pathname;
/** A folder name for a rewrite: its file without the package's directories, or its plugin's name. */
const slug = (rewrite) => rewrite.replace(/\.js$/, '').replaceAll(/[/@]/g, '_');

for (const [name, skip] of [['all', []], ...[...Object.keys(DEFERRED_WORK), ...REWRITE_PLUGINS].map((rewrite) => [`without-${slug(rewrite)}`, [rewrite]])]) {
  const outfile = join(dir, name, 'index.mjs');
  mkdirSync(join(dir, name), { recursive: true });
  const options = bundleOptions({ entry, outfile, minify: true, skipRewrites: skip });
  // Without the stand-ins, the optional packages are left external, as a build without the rewrite would.
  if (skip.includes('left-out-packages')) options.external = [...options.external, ...NEST_OPTIONAL_PACKAGES.flatMap((name) => [name, `${name}/*`])];
  await build({ ...options, logLevel: 'error' });
  process.stdout.write(`${outfile}\n`);
}
