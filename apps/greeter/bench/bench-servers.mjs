// The servers the benches load: started on a loopback port (pinned to a core where asked), loaded with
// autocannon for a while with their CPU time read from /proc, and stopped; and the framework's floor.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';
import { EXPECTED_BODY } from './http-api-event.mjs';
import { quantile } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The process's user+system CPU seconds so far, from /proc. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Starts a server script on a free loopback port; on `pinCpu` alone when given (taskset). */
export function startServer(script, env = {}, pinCpu = undefined) {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.now();
    const [command, args] = pinCpu === undefined ? [process.execPath, [script]] : ['taskset', ['-c', pinCpu, process.execPath, script]];
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /"msg":"listening".*?"port":(\d+)/.exec(output);
      if (match) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume(); // the app logs a line per request: keep draining it
        resolve({ child, port: Number(match[1]), spawnedAt });
      }
    });
    child.on('exit', (code) => reject(new Error(`${script} exited ${code} before listening`)));
  });
}

export async function stopServer({ child }) {
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Loads `server` with `connections` for `seconds`: its requests, the server's CPU seconds, rate and latency. */
export async function loadServer(server, { seconds, connections }) {
  const cpuBefore = cpuSeconds(server.child.pid);
  const run = autocannon({
    url: `http://127.0.0.1:${server.port}/greet?name=Ada`,
    connections,
    duration: seconds,
    expectBody: EXPECTED_BODY,
  });
  // autocannon's own percentiles are whole milliseconds (0 for everything on
  // loopback); each response's own time has sub-millisecond resolution.
  const latencies = [];
  run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await run;
  const cpu = cpuSeconds(server.child.pid) - cpuBefore;
  const sorted = Float64Array.from(latencies).sort();
  const failures = result.non2xx + result.errors + result.timeouts + (result.mismatches ?? 0);
  if (failures > 0) throw new Error(`load run had ${failures} wrong or failed answers`);
  return {
    requests: result.requests.total,
    cpuSeconds: cpu,
    requestsPerSecond: result.requests.average,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
  };
}

/**
 * The framework's floor: NestJS on Fastify answering the same route with nothing
 * else (nest-floor/), bundled by the greeter's own build into `dir`.
 * The greeter's cost beyond it is what its production pipeline costs.
 */
export async function buildNestFloorInto(dir) {
  const bundle = (entry, outfile) =>
    build({ ...bundleOptions({ entry: join(here, 'nest-floor', entry), outfile: join(dir, outfile), minify: true }), logLevel: 'error' });
  await bundle('lambda.ts', 'lambda/index.mjs');
  await bundle('server.ts', 'server/main.mjs');
  return { lambda: join(dir, 'lambda/index.mjs'), server: join(dir, 'server/main.mjs') };
}
