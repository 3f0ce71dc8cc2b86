import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const MOTO_MISSING =
  'The deploy rehearsal needs moto_server, a local AWS emulator (Python): install it with `pip install "moto[server]"` (moto 5.2 or newer), then run it again.';

/** moto's settings for the rehearsal: AWS-managed IAM policies exist (the instance role attaches one); ACM issues DNS-validated certificates at once. */
const MOTO_SETTINGS = { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', MOTO_ACM_VALIDATION_WAIT: '0' };
const LAUNCHER = join(__dirname, 'moto-server.py');
const READY_WITHIN_MS = 60_000;

/** Whether moto's server can be started here: the python that runs moto_server, with moto importable. */
export function motoAvailable(): boolean {
  const probe = spawnSync('python3', ['-c', 'import moto, moto.server, werkzeug'], { stdio: 'ignore' });
  return probe.status === 0;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningEmulator {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts moto's server (with the rehearsal's additions, see moto-server.py) on a free loopback port and waits until it answers. */
export async function startEmulator(log: (line: string) => void): Promise<RunningEmulator> {
  const port = await freeLoopbackPort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('python3', [LAUNCHER, String(port)], {
    env: { ...process.env, ...MOTO_SETTINGS },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000).unref())]);
      if (!killed && child.pid) process.kill(-child.pid, 'SIGKILL');
    }
  };

  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited at start (code ${child.exitCode}):\n${stderr}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) {
        log(`emulator: moto on ${endpoint} (pid ${child.pid})`);
        return { endpoint, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`moto_server did not answer on ${endpoint} within ${READY_WITHIN_MS / 1000} s:\n${stderr}`);
}
