// What a build of the greeter was made from, and what it made: written beside
// the artifacts as build-manifest.json by the build, and checked before a deploy
// (infra/src/artifacts.ts runs `node build-manifest.mjs verify <dist> [<source hash>]`),
// so that a deploy can tell whether the artifacts it is given are the build of the
// sources it claims.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MANIFEST_FILE = 'build-manifest.json';
/** What infra deploys: the Lambda zip and the server bundle, by their paths in the build folder. */
export const DEPLOYED_ARTIFACTS = ['greeter-lambda.zip', 'server/main.mjs'];

/** The folders whose files the artifacts are built from (tests excluded), and single files that decide the rest (dependencies, compiler settings). */
export const SOURCE_FOLDERS = ['apps/greeter/src', 'apps/greeter/scripts', 'libs/lambda-events/src'];
const SOURCE_FILES = ['package-lock.json', 'tsconfig.base.json'];
const isTest = (path) => path.endsWith('.spec.ts');

function filesUnder(root, folder) {
  return (
    readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      // parentPath from Node 20.12; path before it.
      .map((entry) =>
        relative(root, join(entry.parentPath ?? entry.path, entry.name))
          .split(sep)
          .join('/'),
      )
      .filter((path) => !isTest(path))
  );
}

/** The build's source files, relative to the workspace root, in a fixed order. */
export function sourceFiles(root) {
  return [...SOURCE_FOLDERS.flatMap((folder) => filesUnder(root, folder)), ...SOURCE_FILES].sort();
}

/** One SHA-256 over every source file's path and content: the same sources give the same hash on any machine. */
export function sourceHash(root) {
  const hash = createHash('sha256');
  for (const path of sourceFiles(root))
    hash
      .update(path)
      .update('\0')
      .update(readFileSync(join(root, path)))
      .update('\0');
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

/** A build that is not what it claims to be, in words that say what to do. */
export class StaleBuild extends Error {}

/**
 * Checks a build folder against this workspace: the manifest is there, every
 * artifact is the file the build wrote, and the sources it was built from are
 * the workspace's (or `expectedSourceHash`, for a published build). Returns the
 * sources' hash; throws StaleBuild otherwise.
 */
export function verifyBuild(root, distDir, expectedSourceHash) {
  const manifestPath = join(distDir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) {
    throw new StaleBuild(`${distDir} has no ${MANIFEST_FILE}, so nothing says what it was built from: build it with \`npx nx run greeter:build\``);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const [path, sha256] of Object.entries(manifest.artifacts)) {
    const file = join(distDir, path);
    if (!existsSync(file) || sha256Hex(file) !== sha256) {
      throw new StaleBuild(`${file} is not the file its build wrote (its SHA-256 differs from ${MANIFEST_FILE}): rebuild with \`npx nx run greeter:build\``);
    }
  }
  if (expectedSourceHash) {
    if (manifest.sourceHash !== expectedSourceHash) {
      throw new StaleBuild(
        `${distDir} was built from sources ${manifest.sourceHash}, not ${expectedSourceHash} (GREETER_ARTIFACT_SOURCE_HASH): refusing to deploy it`,
      );
    }
    return manifest.sourceHash;
  }
  const current = sourceHash(root);
  if (manifest.sourceHash !== current) {
    throw new StaleBuild(
      `${distDir} was built from other sources than this checkout's (${manifest.sourceHash.slice(0, 12)}… against ${current.slice(0, 12)}…): ` +
        'rebuild with `npx nx run greeter:build` (`npx nx run infra:synth` does), or name the published build to deploy with GREETER_ARTIFACTS_DIR and GREETER_ARTIFACT_SOURCE_HASH',
    );
  }
  return current;
}

const WORKSPACE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Writes the manifest of the deployed artifacts already in `distDir`, and returns it. */
export function writeBuildManifest(root, distDir) {
  const manifest = buildManifest(root, distDir, DEPLOYED_ARTIFACTS);
  writeFileSync(join(distDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

// `node build-manifest.mjs verify <dist> [<expected source hash>] [--root <workspace>]`: prints the source hash, or why not (exit 1).
// `node build-manifest.mjs write <dist> [--root <workspace>]`: writes the manifest of the artifacts already in <dist>.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt === -1 ? WORKSPACE_ROOT : args.splice(rootAt, 2)[1];
  const [command, distDir, expected] = args;
  try {
    if (command === 'verify' && distDir) process.stdout.write(`${verifyBuild(root, distDir, expected)}\n`);
    else if (command === 'write' && distDir) writeBuildManifest(root, distDir);
    else throw new StaleBuild('usage: build-manifest.mjs verify <dist> [<source hash>] | write <dist>  [--root <workspace>]');
  } catch (error) {
    process.stderr.write(`${error instanceof StaleBuild ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
