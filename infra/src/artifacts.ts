import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface BuiltArtifact {
  path: string;
  sha256Hex: string;
  sha256Base64: string;
}

export interface GreeterArtifacts {
  lambdaZip: BuiltArtifact;
  serverBundle: BuiltArtifact;
}

export const DEFAULT_DIST_DIR = resolve(__dirname, '../../dist/apps/greeter');

function artifact(path: string): BuiltArtifact {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: build the app first with \`npx nx run greeter:build\` (\`npx nx run infra:synth\` does it for you).`);
  }
  const digest = createHash('sha256').update(readFileSync(path)).digest();
  return { path, sha256Hex: digest.toString('hex'), sha256Base64: digest.toString('base64') };
}

/** The app's two deployable artifacts and their hashes: a code change gives a new hash, and so a new deploy. */
export function readGreeterArtifacts(distDir = DEFAULT_DIST_DIR): GreeterArtifacts {
  return { lambdaZip: artifact(join(distDir, 'greeter-lambda.zip')), serverBundle: artifact(join(distDir, 'server/main.mjs')) };
}

/** Where the workspace's sources are (the build's manifest is checked against them). */
export const WORKSPACE_ROOT = resolve(__dirname, '../..');

/** The build's own check of its manifest (apps/greeter/scripts/build-manifest.mjs): the app's build decides what a build is. */
const BUILD_MANIFEST_SCRIPT = join(WORKSPACE_ROOT, 'apps/greeter/scripts/build-manifest.mjs');

export class StaleBuildError extends Error {}

export interface BuildCheck {
  /** The source hash the artifacts must have been built from (GREETER_ARTIFACT_SOURCE_HASH); by default, this checkout's. */
  expectedSourceHash?: string;
  workspaceRoot?: string;
}

/**
 * Refuses to deploy artifacts that are not the build they claim to be: the
 * build manifest must be there, every artifact must be the file the build
 * wrote, and the sources it was built from must be this checkout's (or the
 * hash a pipeline names). Returns the sources' hash.
 */
export function verifyBuild(distDir: string, check: BuildCheck = {}): string {
  const args = [
    BUILD_MANIFEST_SCRIPT,
    'verify',
    distDir,
    ...(check.expectedSourceHash ? [check.expectedSourceHash] : []),
    '--root',
    check.workspaceRoot ?? WORKSPACE_ROOT,
  ];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new StaleBuildError((run.stderr || String(run.error)).trim());
  return run.stdout.trim();
}
