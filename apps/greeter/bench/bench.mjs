// `nx run greeter:bench` / `npm run bench`: builds the artifacts, then measures in one run,
// interleaving each contender with its baseline so machine drift hits both alike:
//   cold start (fresh `node` process: import + first HTTP API invoke) vs a bare handler,
//   warm invokes (mean, p99, peak RSS), the standalone server vs plain Fastify
//   (requests per server CPU-second, req/s, latency; also Fastify doing the same
//   per-request work, and plain Fastify sending the same security headers, to
//   tell what NestJS costs from what the pipeline costs), time to first healthy /health,
//   and artifact sizes. Both the cold start and the server are also measured for
//   bare NestJS + Fastify built the same way (nest-floor/): the framework's floor.
//   Every timed answer is checked. Results: dist/bench/results.json.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { unzipSync } from 'fflate';
import { buildNestFloorInto, loadServer, startServer, stopServer } from './bench-servers.mjs';
import { pairedWindows, pinning } from './paired-windows.mjs';
import { median } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const dist = join(root, 'dist/apps/greeter');
const { values: options, tokens } = parseArgs({
  tokens: true,
  options: {
    'cold-runs': { type: 'string', default: '15' },
    'warm-invokes': { type: 'string', default: '10000' },
    'load-seconds': { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    // The paired comparison with the floor: windows of a fresh floor and a fresh greeter side by side.
    windows: { type: 'string', default: '10' },
    'window-seconds': { type: 'string', default: '2' },
    'warmup-seconds': { type: 'string', default: '1' },
    // For the smoke test, which runs beside tests that read the built artifacts.
    'skip-build': { type: 'boolean', default: false },
    out: { type: 'string', default: join(root, 'dist/bench/results.json') },
    // The bench writes no tracked file unless told: --record writes the server's requests per CPU-second into
    // the committed file the EC2 capacity defaults derive from (a default-length run only), --record-to elsewhere.
    record: { type: 'boolean', default: false },
    'record-to': { type: 'string' },
  },
});
const RECORD_FILE = join(root, 'libs/environment-config/src/lib/measured-server-throughput.json');
const SETTINGS = new Set(['cold-runs', 'warm-invokes', 'load-seconds', 'connections', 'rounds', 'windows', 'window-seconds', 'warmup-seconds']);
if (options.record && tokens.some((token) => token.kind === 'option' && SETTINGS.has(token.name))) {
  process.stderr.write('--record moves the EC2 capacity defaults, so it takes a default-length run: drop the shortened settings, or use --record-to FILE\n');
  process.exit(2);
}
const COLD_RUNS = Number(options['cold-runs']);
const WARM_INVOKES = Number(options['warm-invokes']);
const LOAD_SECONDS = Number(options['load-seconds']);
const CONNECTIONS = Number(options.connections);
const ROUNDS = Number(options.rounds);
const WINDOWS = Number(options.windows);
const WINDOW_SECONDS = Number(options['window-seconds']);
const WARMUP_SECONDS = Number(options['warmup-seconds']);

const step = (text) => process.stderr.write(`• ${text}\n`);

/** Writes what the EC2 capacity defaults derive from (libs/environment-config/src/lib/instance-capacity.ts). */
function recordServerThroughput(results) {
  const record = {
    requestsPerCpuSecond: Math.round(results.standalone.ours.requestsPerCpuSecond),
    measuredOn: results.measuredAt.slice(0, 10),
    machine: results.machine,
    what: "The greeter's standalone server bundle with its full pipeline, under autocannon: requests answered per CPU-second of the server process. Written by `npm run bench` (apps/greeter/bench/bench.mjs); commit it to change the EC2 capacity defaults.",
  };
  const file = options['record-to'] ?? (options.record ? RECORD_FILE : undefined);
  if (!file) {
    step(`not recording the server throughput (--record writes it into ${RECORD_FILE}, which moves the EC2 capacity defaults)`);
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  step(`recorded ${record.requestsPerCpuSecond} requests per CPU-second in ${file}: commit it to move the EC2 capacity defaults (npm run cost shows them)`);
}
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const times = (ratio) => `${ratio.toFixed(2)}×`;

/** A fresh folder under the system's temp folder, removed when the bench ends, however it ends. */
const scratchDirs = [];
function scratchDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}
process.on('exit', () => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function lastJsonLine(output) {
  return JSON.parse(output.trim().split('\n').pop());
}

function runNode(args, cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      else resolve({ wallMs, report: lastJsonLine(stdout) });
    });
  });
}

/** The framework's floor (bench-servers.mjs), in a scratch folder. */
const buildNestFloor = () => buildNestFloorInto(scratchDir('bench-nest-floor-'));

/** Each contender in an empty folder of its own, as Lambda would unpack it: no node_modules within reach. */
function prepareLambdaContenders(nestFloorArtifact) {
  const ours = scratchDir('bench-greeter-');
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(join(dist, 'greeter-lambda.zip'))))) writeFileSync(join(ours, name), bytes);
  const bare = scratchDir('bench-bare-');
  copyFileSync(join(here, 'baseline-handler.mjs'), join(bare, 'index.mjs'));
  return {
    greeter: { name: 'greeter (NestJS, production pipeline)', artifact: join(ours, 'index.mjs') },
    bare: { name: 'bare async handler', artifact: join(bare, 'index.mjs') },
    nestFloor: { name: 'bare NestJS + Fastify, same build', artifact: nestFloorArtifact },
  };
}

async function coldStarts(contenders) {
  const samples = contenders.map(() => ({ wallMs: [], importMs: [], firstInvokeMs: [] }));
  for (let run = 0; run < COLD_RUNS; run++) {
    // Alternate the order each run, so neither side always goes first.
    const order = run % 2 === 0 ? contenders.map((_, i) => i) : contenders.map((_, i) => contenders.length - 1 - i);
    for (const i of order) {
      const { wallMs, report } = await runNode([join(here, 'cold-start-probe.mjs'), contenders[i].artifact], dirname(contenders[i].artifact));
      samples[i].wallMs.push(wallMs);
      samples[i].importMs.push(report.importMs);
      samples[i].firstInvokeMs.push(report.firstInvokeMs);
    }
    step(`cold start ${run + 1}/${COLD_RUNS}`);
  }
  return samples.map((s) => ({ medianWallMs: median(s.wallMs), medianImportMs: median(s.importMs), medianFirstInvokeMs: median(s.firstInvokeMs) }));
}

async function warmInvokes(contenders) {
  const results = [];
  for (const contender of contenders) {
    const { report } = await runNode([join(here, 'warm-invoke-probe.mjs'), contender.artifact, String(WARM_INVOKES)], dirname(contender.artifact));
    results.push(report);
    step(`warm invokes: ${contender.name}`);
  }
  return results;
}

async function timeToHealthy(script) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const server = await startServer(script);
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${server.port}/health`).catch(() => undefined);
      if (response?.status === 200) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    times.push(performance.now() - server.spawnedAt);
    await stopServer(server);
  }
  return median(times);
}

const load = (server, seconds = LOAD_SECONDS) => loadServer(server, { seconds, connections: CONNECTIONS });

// Headers that any answer carries, or that differ per answer: not the greeter's fixed set.
const PER_ANSWER_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'x-request-id']);

/** The fixed headers the greeter adds to every answer (its security headers), read from one of its answers. */
async function greeterFixedHeaders(script) {
  const server = await startServer(script);
  try {
    const response = await fetch(`http://127.0.0.1:${server.port}/greet?name=Ada`);
    await response.text();
    const headers = Object.fromEntries([...response.headers].filter(([name]) => !PER_ANSWER_HEADERS.has(name)));
    if (Object.keys(headers).length === 0) throw new Error('the greeter answered without its security headers');
    return headers;
  } finally {
    await stopServer(server);
  }
}

/** A baseline said to send the greeter's fixed headers must send every one of them. */
async function expectFixedHeaders(server, expected) {
  const response = await fetch(`http://127.0.0.1:${server.port}/greet?name=Ada`);
  await response.text();
  const missing = Object.entries(expected).filter(([name, value]) => response.headers.get(name) !== value);
  if (missing.length > 0) throw new Error(`a baseline left out the greeter's headers: ${missing.map(([name]) => name).join(', ')}`);
}

async function standalone(nestFloor) {
  const ours = join(scratchDir('bench-server-'), 'main.mjs');
  copyFileSync(join(dist, 'server/main.mjs'), ours);
  const fixedHeaders = await greeterFixedHeaders(ours);
  // `sends`: the greeter's fixed headers, which a baseline is told to send (GREETER_FIXED_HEADERS) and checked for.
  const contenders = [
    { name: 'greeter server bundle', script: ours },
    { name: 'plain Fastify', script: join(here, 'plain-fastify-server.mjs') },
    { name: 'Fastify with the same pipeline, no NestJS', script: join(here, 'fastify-with-pipeline-server.mjs'), sends: fixedHeaders },
    { name: "plain Fastify sending the greeter's security headers", script: join(here, 'plain-fastify-server.mjs'), sends: fixedHeaders },
    { name: 'bare NestJS + Fastify, same build', script: nestFloor.server },
  ];
  const runs = contenders.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order each round, so no contender always runs first.
    const order = contenders.map((_, i) => (i + r) % contenders.length);
    for (const i of order) {
      const { script, sends } = contenders[i];
      const server = await startServer(script, sends && { GREETER_FIXED_HEADERS: JSON.stringify(sends) });
      if (sends) await expectFixedHeaders(server, sends);
      runs[i].push(await load(server));
      await stopServer(server);
      step(`load ${r + 1}/${ROUNDS}: ${contenders[i].name}`);
    }
  }
  const summary = runs.map((list, i) => ({
    name: contenders[i].name,
    requestsPerCpuSecond: list.reduce((a, x) => a + x.requests, 0) / list.reduce((a, x) => a + x.cpuSeconds, 0),
    requestsPerSecond: list.reduce((a, x) => a + x.requestsPerSecond, 0) / list.length,
    p50Ms: median(list.map((x) => x.p50Ms)),
    p99Ms: median(list.map((x) => x.p99Ms)),
  }));
  const healthyMs = await timeToHealthy(ours);
  step('time to first healthy /health');
  return {
    ours: summary[0],
    baseline: summary[1],
    pipelineBaseline: summary[2],
    headersBaseline: summary[3],
    nestFloor: summary[4],
    timeToHealthyMs: healthyMs,
  };
}

/** The greeter and the floor in paired windows, and the floor against itself as the control (paired-windows.mjs). */
async function againstTheFloor(nestFloor) {
  const ours = join(scratchDir('bench-paired-'), 'main.mjs');
  copyFileSync(join(dist, 'server/main.mjs'), ours);
  const pin = pinning();
  pin?.pinLoadGenerator();
  try {
    const common = {
      windows: WINDOWS,
      startServer: (script, cpu) => startServer(script, {}, cpu),
      warmUp: (server) => load(server, WARMUP_SECONDS),
      load: (server) => load(server, WINDOW_SECONDS),
      stopServer,
      serverCpu: pin?.serverCpu,
      floor: nestFloor.server,
    };
    const greeter = await pairedWindows({ ...common, contender: ours, progress: (w) => step(`paired window ${w}/${WINDOWS}: the greeter against the floor`) });
    const control = await pairedWindows({
      ...common,
      contender: nestFloor.server,
      progress: (w) => step(`paired window ${w}/${WINDOWS}: the floor against itself`),
    });
    return { pinned: Boolean(pin), windowSeconds: WINDOW_SECONDS, greeter, control };
  } finally {
    pin?.unpinLoadGenerator();
  }
}

const spread = ({ median: m, min, max, windows }) => `${times(m)} (${min.toFixed(2)}–${max.toFixed(2)}, ${windows} windows)`;

async function main() {
  const started = performance.now();
  if (!options['skip-build']) {
    step('building the artifacts');
    execFileSync(process.execPath, [join(here, '../scripts/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const sizes = {
    lambdaBundleBytes: statSync(join(dist, 'lambda/index.mjs')).size,
    lambdaZipBytes: statSync(join(dist, 'greeter-lambda.zip')).size,
    serverBundleBytes: statSync(join(dist, 'server/main.mjs')).size,
  };

  step('building the bare NestJS app (the floor)');
  const nestFloor = await buildNestFloor();
  const lambda = prepareLambdaContenders(nestFloor.lambda);
  const [ourCold, bareCold, floorCold] = await coldStarts([lambda.greeter, lambda.bare, lambda.nestFloor]);
  const [ourWarm, bareWarm] = await warmInvokes([lambda.greeter, lambda.bare]);
  const server = await standalone(nestFloor);
  const paired = await againstTheFloor(nestFloor);

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` },
    settings: { coldRuns: COLD_RUNS, warmInvokes: WARM_INVOKES, loadSeconds: LOAD_SECONDS, connections: CONNECTIONS, rounds: ROUNDS },
    coldStart: {
      greeter: ourCold,
      bare: bareCold,
      nestFloor: floorCold,
      ratio: ourCold.medianWallMs / bareCold.medianWallMs,
      nestFloorRatio: floorCold.medianWallMs / bareCold.medianWallMs,
      ratioToNestFloor: ourCold.medianWallMs / floorCold.medianWallMs,
      goal: '≤ 1.03× the NestJS floor',
    },
    warmInvoke: { greeter: ourWarm, bare: bareWarm },
    standalone: {
      ...server,
      ratio: server.ours.requestsPerCpuSecond / server.baseline.requestsPerCpuSecond,
      ratioToPipelineBaseline: server.ours.requestsPerCpuSecond / server.pipelineBaseline.requestsPerCpuSecond,
      headersAloneRatio: server.headersBaseline.requestsPerCpuSecond / server.baseline.requestsPerCpuSecond,
      nestFloorRatio: server.nestFloor.requestsPerCpuSecond / server.baseline.requestsPerCpuSecond,
      ratioToNestFloor: server.ours.requestsPerCpuSecond / server.nestFloor.requestsPerCpuSecond,
      pairedWithFloor: paired,
      goal: '≥ 0.85× the NestJS floor per CPU-second, as the median of the paired windows',
    },
    sizes: { ...sizes, goal: 'Lambda zip ≤ 250 KB' },
  };
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  recordServerThroughput(results);

  const rows = [
    [
      'cold start, median wall time (import + first invoke, fresh node)',
      `${round(ourCold.medianWallMs, 1)} ms`,
      `${round(bareCold.medianWallMs, 1)} ms`,
      times(results.coldStart.ratio),
      '',
    ],
    [
      '  of which import / first invoke (in-process)',
      `${round(ourCold.medianImportMs, 1)} / ${round(ourCold.medianFirstInvokeMs, 1)} ms`,
      `${round(bareCold.medianImportMs, 1)} / ${round(bareCold.medianFirstInvokeMs, 1)} ms`,
      '',
      '',
    ],
    [
      "  bare NestJS + Fastify, same build: the framework's floor, against the bare handler",
      '',
      `${round(floorCold.medianWallMs, 1)} ms`,
      times(results.coldStart.nestFloorRatio),
      '',
    ],
    ['  the greeter against that floor: what its production pipeline costs', '', '', times(results.coldStart.ratioToNestFloor), '≤ 1.03×'],
    [
      'warm invoke, mean / p99',
      `${round(ourWarm.meanMs, 3)} / ${round(ourWarm.p99Ms, 3)} ms`,
      `${round(bareWarm.meanMs, 3)} / ${round(bareWarm.p99Ms, 3)} ms`,
      `${round(ourWarm.meanMs / bareWarm.meanMs, 1)}×`,
      '',
    ],
    ['warm invoke, peak RSS', `${round(ourWarm.peakRssBytes / 2 ** 20, 1)} MiB`, `${round(bareWarm.peakRssBytes / 2 ** 20, 1)} MiB`, '', ''],
    [
      'standalone, requests per server CPU-second',
      `${Math.round(server.ours.requestsPerCpuSecond)}`,
      `${Math.round(server.baseline.requestsPerCpuSecond)}`,
      times(results.standalone.ratio),
      '',
    ],
    [
      '  against Fastify with the same pipeline (no NestJS)',
      '',
      `${Math.round(server.pipelineBaseline.requestsPerCpuSecond)}`,
      times(results.standalone.ratioToPipelineBaseline),
      '',
    ],
    [
      "  plain Fastify sending the greeter's security headers, nothing else, against plain Fastify",
      '',
      `${Math.round(server.headersBaseline.requestsPerCpuSecond)}`,
      times(results.standalone.headersAloneRatio),
      '',
    ],
    [
      "  bare NestJS + Fastify, same build: the framework's floor, against plain Fastify",
      '',
      `${Math.round(server.nestFloor.requestsPerCpuSecond)}`,
      times(results.standalone.nestFloorRatio),
      '',
    ],
    ['  the greeter against that floor: what its production pipeline costs', '', '', times(results.standalone.ratioToNestFloor), ''],
    ['standalone, the greeter against the floor in paired windows (median, range)', '', '', spread(paired.greeter), '≥ 0.85×'],
    ['  control: the floor against itself, the same way: what the run can resolve', '', '', spread(paired.control), ''],
    ['standalone, requests/s', `${Math.round(server.ours.requestsPerSecond)}`, `${Math.round(server.baseline.requestsPerSecond)}`, '', ''],
    [
      'standalone, p50 / p99 latency',
      `${round(server.ours.p50Ms, 3)} / ${round(server.ours.p99Ms, 3)} ms`,
      `${round(server.baseline.p50Ms, 3)} / ${round(server.baseline.p99Ms, 3)} ms`,
      '',
      '',
    ],
    ['standalone, process start to first healthy /health', `${round(server.timeToHealthyMs, 1)} ms`, '', '', ''],
    ['Lambda zip / bundle', `${round(sizes.lambdaZipBytes / 1000, 1)} KB / ${round(sizes.lambdaBundleBytes / 1000, 1)} KB`, '< 1 KB', '', '≤ 250 KB zip'],
  ];
  const header = ['measure', 'greeter', 'baseline', 'ratio', 'goal'];
  const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  process.stdout.write(
    `\n${table}\n\nBaselines: a bare async handler and bare NestJS + Fastify (Lambda); plain Fastify, Fastify doing the same per-request work, plain Fastify sending the same security headers, and bare NestJS + Fastify (standalone). Paired windows: ${WARMUP_SECONDS} s of warm-up and ${paired.windowSeconds} s of load on each server per window, ${paired.pinned ? 'servers pinned to core 0, the load generator to core 1' : 'not pinned (no taskset, or one core)'}. ${results.machine.cpu}, ${results.machine.cores} cores, Node ${process.version}, ${results.measuredAt.slice(0, 10)}.\n`,
  );
  process.stdout.write(`Results written to ${options.out} in ${round((performance.now() - started) / 1000, 1)} s.\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
