import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const MOTO_MISSING =
  'The deploy rehearsal needs moto_server, a local AWS emulator (Python): install it with `pip install "moto[server]"` (moto 5.2 or newer), then run it again.';

/** moto's settings for the rehearsal: ACM issues DNS-validated certificates at once. (No stack attaches an AWS-managed policy, so moto need not load them.) */
const MOTO_SETTINGS = { MOTO_ACM_VALIDATION_WAIT: '0' };
const LAUNCHER = join(__dirname, 'moto-server.py');
const READY_WITHIN_MS = 60_000;

/**
 * The Python that has moto: GREETER_MOTO_PYTHON, else the interpreter of the
 * `moto_server` script on PATH, else the first `python3` on PATH that imports
 * it. The first `python3` alone is not enough: Nx puts node's folder first on
 * PATH, and there the system's python3 may lack moto (pyenv's comes later).
 */
export function findMotoPython(): { python?: string; tried: string[] } {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  const candidates: string[] = [];
  if (process.env['GREETER_MOTO_PYTHON']) candidates.push(process.env['GREETER_MOTO_PYTHON']);
  for (const dir of dirs) {
    const script = join(dir, 'moto_server');
    if (!existsSync(script)) continue;
    const shebang = /^#!\s*(\S+)/.exec(readFileSync(script, 'utf8').split('\n', 1)[0] ?? '')?.[1];
    if (shebang && /python/.test(shebang)) candidates.push(shebang);
  }
  for (const dir of dirs) if (existsSync(join(dir, 'python3'))) candidates.push(join(dir, 'python3'));
  const tried = [...new Set(candidates)];
  const python = tried.find((candidate) => spawnSync(candidate, ['-c', 'import moto, moto.server, werkzeug'], { stdio: 'ignore' }).status === 0);
  return { python, tried };
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

/** A call the SDK retried that the emulator answered with its first attempt's answer (moto-server.py, 5.). */
export interface RetryAnsweredOnce {
  call: string;
  attempt: string;
}

/** Calls the emulator answered, counted by who signed them (the access key id), service, region and operation (moto-server.py, 6.). */
export interface CallSeen {
  key: string;
  service: string;
  region: string;
  operation: string;
  count: number;
}

export interface RunningEmulator {
  endpoint: string;
  retriesAnsweredOnce(): Promise<RetryAnsweredOnce[]>;
  callsSeen(): Promise<CallSeen[]>;
  stop(): Promise<void>;
}

/** Starts moto's server (with the rehearsal's additions, see moto-server.py) on a free loopback port and waits until it answers. */
export async function startEmulator(python: string, log: (line: string) => void): Promise<RunningEmulator> {
  const port = await freeLoopbackPort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(python, [LAUNCHER, String(port)], {
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
        log(`emulator: moto on ${endpoint} (pid ${child.pid}, ${python})`);
        const retriesAnsweredOnce = async () => (await fetch(`${endpoint}/_rehearsal/retries`)).json() as Promise<RetryAnsweredOnce[]>;
        const callsSeen = async () => (await fetch(`${endpoint}/_rehearsal/calls`)).json() as Promise<CallSeen[]>;
        return { endpoint, retriesAnsweredOnce, callsSeen, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`moto_server did not answer on ${endpoint} within ${READY_WITHIN_MS / 1000} s:\n${stderr}`);
}
