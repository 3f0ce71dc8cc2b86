// Reads a stack trace logged by a minified artifact (on stdin) and prints it
// with each position in the bundle replaced by the source file, line and name
// it came from, read from the source map the build writes beside the bundle:
//   node apps/greeter/scripts/resolve-stack.mjs dist/apps/greeter/lambda/index.mjs.map < stack.txt
// The map must come from the same build as the artifact that logged the stack.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [mapFile] = process.argv.slice(2);
if (!mapFile) {
  process.stderr.write('usage: node resolve-stack.mjs <bundle>.map < stack.txt\n');
  process.exit(2);
}
const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bundleName = mapFile
  .split(/[\\/]/)
  .pop()
  .replace(/\.map$/, '');
// "<anything ending in the bundle's name>:<line>:<column>", as V8 prints a frame's position.
const POSITION = new RegExp(`(?:file://)?[^\\s()]*${bundleName.replace(/[.]/g, '\\.')}:(\\d+):(\\d+)`, 'g');

/** A position in the bundle (1-based, as V8 prints it) as `source:line:column`, with the original name there if the map has one. */
export function resolvePosition(line, column) {
  const entry = map.findEntry(line - 1, column - 1);
  if (!entry || !entry.originalSource) return undefined;
  const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : resolve(dirname(mapFile), entry.originalSource);
  const where = `${relative(workspaceRoot, source)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  return entry.name ? `${where} (${entry.name})` : where;
}

const input = readFileSync(0, 'utf8');
process.stdout.write(input.replace(POSITION, (text, line, column) => resolvePosition(Number(line), Number(column)) ?? text));
