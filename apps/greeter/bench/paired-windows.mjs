// The server comparison that tells signal from noise: in each window a fresh floor and a fresh
// contender start side by side, both are warmed up (unmeasured load: V8 compiles the hot paths), then
// each is loaded in turn (the order alternating by window), and the
// window's ratio is the contender's requests per server CPU-second over the floor's. The median over
// many windows is the figure; the spread of the same measurement of the floor against itself (the
// control) is what a difference must exceed to be real.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { median } from './stats.mjs';

/**
 * Where the machine allows (taskset on PATH, two or more cores): the servers on core 0, this process
 * (and the load generator in it) on core 1, so a server never shares its core with the load.
 */
export function pinning() {
  if (cpus().length < 2) return undefined;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return {
    serverCpu: '0',
    pinLoadGenerator: () => execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' }),
    unpinLoadGenerator: () => execFileSync('taskset', ['-cp', `0-${cpus().length - 1}`, String(process.pid)], { stdio: 'ignore' }),
  };
}

/** The ratios of `windows` windows, with their median and range. */
export function summarize(ratios) {
  return { windows: ratios.length, median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), ratios };
}

/**
 * Runs `windows` windows of `contender` against `floor` (scripts). `startServer(script, pinCpu)` starts
 * one and resolves with it; `warmUp(server)` loads it unmeasured; `load(server)` loads it for a window
 * and resolves with `{ requests, cpuSeconds }`; `stopServer(server)` stops it.
 */
export async function pairedWindows({ floor, contender, windows, startServer, warmUp, load, stopServer, serverCpu, progress = () => undefined }) {
  const ratios = [];
  for (let w = 0; w < windows; w++) {
    const [a, b] = await Promise.all([startServer(floor, serverCpu), startServer(contender, serverCpu)]);
    try {
      const order = w % 2 === 0 ? [a, b] : [b, a];
      for (const server of order) await warmUp(server);
      const measured = new Map();
      for (const server of order) measured.set(server, await load(server));
      const perCpu = (server) => measured.get(server).requests / measured.get(server).cpuSeconds;
      ratios.push(perCpu(b) / perCpu(a));
    } finally {
      await Promise.all([stopServer(a), stopServer(b)]);
    }
    progress(w + 1);
  }
  return summarize(ratios);
}
