import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';

const CHANGE = '\n// rehearsal: a code change\n';

/** A copy of the built artifacts with a harmless change to the code, as the next commit would bring: new hashes, same behaviour. */
export function changedArtifacts(distDir: string, into: string): string {
  cpSync(distDir, into, { recursive: true });
  const server = join(into, 'server/main.mjs');
  writeFileSync(server, readFileSync(server, 'utf8') + CHANGE);
  const zipPath = join(into, 'greeter-lambda.zip');
  const files = unzipSync(readFileSync(zipPath));
  files['index.mjs'] = Buffer.concat([Buffer.from(files['index.mjs']!), Buffer.from(CHANGE)]);
  writeFileSync(zipPath, zipSync(files, { mtime: new Date('2000-01-01T00:00:00Z'), level: 9 }));
  return into;
}
