import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE, sha256Hex, sourceHash } from '../../apps/greeter/scripts/build-manifest.mjs';

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
  const manifestPath = join(distDir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) {
    throw new StaleBuildError(`${distDir} has no ${MANIFEST_FILE}, so nothing says what it was built from: build it with \`npx nx run greeter:build\``);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { sourceHash: string; artifacts: Record<string, string> };
  for (const [path, sha256] of Object.entries(manifest.artifacts)) {
    const file = join(distDir, path);
    if (!existsSync(file) || sha256Hex(file) !== sha256) {
      throw new StaleBuildError(`${file} is not the file its build wrote (its SHA-256 differs from ${MANIFEST_FILE}): rebuild with \`npx nx run greeter:build\``);
    }
  }
  if (check.expectedSourceHash !== undefined) {
    if (manifest.sourceHash !== check.expectedSourceHash) {
      throw new StaleBuildError(`${distDir} was built from sources ${manifest.sourceHash}, not ${check.expectedSourceHash} (GREETER_ARTIFACT_SOURCE_HASH): refusing to deploy it`);
    }
    return manifest.sourceHash;
  }
  const current = sourceHash(check.workspaceRoot ?? WORKSPACE_ROOT);
  if (manifest.sourceHash !== current) {
    throw new StaleBuildError(
      `${distDir} was built from other sources than this checkout's (${manifest.sourceHash.slice(0, 12)}… against ${current.slice(0, 12)}…): ` +
        'rebuild with `npx nx run greeter:build` (`npx nx run infra:synth` does), or name the published build to deploy with GREETER_ARTIFACTS_DIR and GREETER_ARTIFACT_SOURCE_HASH',
    );
  }
  return current;
}
