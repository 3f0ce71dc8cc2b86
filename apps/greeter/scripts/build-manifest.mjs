// What a build of the greeter was made from, and what it made: written beside
// the artifacts as build-manifest.json, so that a deploy can tell whether the
// artifacts it is given are the build of the sources it claims (infra/src/artifacts.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const MANIFEST_FILE = 'build-manifest.json';

/** The folders whose files the artifacts are built from (tests excluded), and single files that decide the rest (dependencies, compiler settings). */
const SOURCE_FOLDERS = ['apps/greeter/src', 'apps/greeter/scripts', 'libs/lambda-events/src'];
const SOURCE_FILES = ['package-lock.json', 'tsconfig.base.json'];
const isTest = (path) => path.endsWith('.spec.ts');

function filesUnder(root, folder) {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !isTest(path));
}

/** The build's source files, relative to the workspace root, in a fixed order. */
export function sourceFiles(root) {
  return [...SOURCE_FOLDERS.flatMap((folder) => filesUnder(root, folder)), ...SOURCE_FILES].sort();
}

/** One SHA-256 over every source file's path and content: the same sources give the same hash on any machine. */
export function sourceHash(root) {
  const hash = createHash('sha256');
  for (const path of sourceFiles(root)) hash.update(path).update('\0').update(readFileSync(join(root, path))).update('\0');
  return hash.digest('hex');
}

export const sha256Hex = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The manifest of a full build: the sources' hash and each artifact's SHA-256, by its path in the output folder. */
export function buildManifest(root, outDir, artifactPaths) {
  return {
    sourceHash: sourceHash(root),
    artifacts: Object.fromEntries(artifactPaths.map((path) => [path, sha256Hex(join(outDir, path))])),
  };
}
