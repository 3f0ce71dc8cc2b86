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
