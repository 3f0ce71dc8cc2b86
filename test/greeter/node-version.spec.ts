import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Lambda runs the artifact on nodejs22.x and the EC2 install script installs Node 22, so the
// tests that run the built artifacts must run them on that major, whatever the system Node is:
// npm puts the pinned binary (the node-<os>-<arch> optional dependency) first on PATH.
const NVMRC_MAJOR = Number(readFileSync(join(__dirname, '../../.nvmrc'), 'utf8').trim());
const major = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

describe('the Node that runs the built artifacts in these tests', () => {
  it('is the major that .nvmrc names and production runs', () => {
    const child = spawnSync(process.execPath, ['-p', 'process.version'], { encoding: 'utf8' });

    expect(NVMRC_MAJOR).toBe(22);
    expect({ node: process.execPath, major: major(child.stdout.trim()) }).toEqual({ node: process.execPath, major: NVMRC_MAJOR });
  });
});
