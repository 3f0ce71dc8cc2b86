// Builds the greeter's two deployable artifacts from the same source `nx serve` runs:
//   dist/apps/greeter/lambda/index.mjs + greeter-lambda.zip  (handler: index.handler)
//   dist/apps/greeter/server/main.mjs                        (runs with plain `node`)
// Both are single ESM files that need no node_modules.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { MANIFEST_FILE, writeBuildManifest } from './build-manifest.mjs';
import { artifacts, esbuildOptionsFor, outDir, workspaceRoot } from './bundle-options.mjs';

// A fixed timestamp makes the zip byte-for-byte reproducible, so its hash changes only with the code.
const ZIP_MTIME = new Date('2020-01-01T00:00:00Z');

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
