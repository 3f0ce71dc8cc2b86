import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const HOOK_ENTRY = resolve(__dirname, '../deploy-hooks/main.ts');
const OUT_FILE = resolve(__dirname, '../../dist/infra/deploy-hooks/deployment-hook.mjs');

let built: string | undefined;

/**
 * Replaces the file only when its content changes, and then whole (written
 * beside it, then renamed): synths in parallel processes (Jest's workers)
 * bundle the same hook, and one must never hash a file another is writing.
 */
function writeIfChanged(file: string, contents: Uint8Array): void {
  if (existsSync(file) && Buffer.from(contents).equals(readFileSync(file))) return;
  mkdirSync(join(file, '..'), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, contents);
  renameSync(partial, file);
}

/**
 * The deployment hook (infra/deploy-hooks: CodeDeploy for Lambda, instance
 * refreshes for EC2), bundled with its AWS SDK clients into one file that a
 * stack ships as an asset and Terraform runs with `node`: the synthesized stack needs no node_modules. Bundled once
 * per process (each Jest test file is one); esbuild's output is the same for the same sources, so the
 * asset's hash changes only with them.
 */
export function deploymentHook(): string {
  if (built === undefined) {
    const [bundle] = buildSync({
      entryPoints: [HOOK_ENTRY],
      outfile: OUT_FILE,
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
      // The SDK's CommonJS parts call require; an ES module has none of its own.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    }).outputFiles;
    writeIfChanged(OUT_FILE, bundle!.contents);
    built = OUT_FILE;
  }
  return built;
}
