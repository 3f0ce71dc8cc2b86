import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A smoke test of `npm run bench` at the smallest settings: it must keep
// running and reporting every measure. Times are not asserted; sizes are
// asserted by the size-budget test.
describe('npm run bench', () => {
  it('measures every contender and writes every figure, checking each answer on the way', () => {
    const scratchBefore = new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('bench-')));
    const resultsDir = mkdtempSync(join(tmpdir(), 'greeter-bench-'));
    const out = join(resultsDir, 'results.json');
    const record = join(resultsDir, 'measured-server-throughput.json');
    const args = [
      '--skip-build',
      '--cold-runs',
      '1',
      '--warm-invokes',
      '50',
      '--load-seconds',
      '1',
      '--rounds',
      '1',
      '--windows',
      '2',
      '--window-seconds',
      '0.5',
      '--warmup-seconds',
      '0.2',
      '--out',
      out,
      '--record-to',
      record,
    ];

    const run = spawnSync(process.execPath, [join(__dirname, '../../apps/greeter/bench/bench.mjs'), ...args], { encoding: 'utf8', timeout: 90_000 });

    expect(run.stderr).not.toMatch(/bench failed/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\| cold start, median wall time/);
    expect(run.stdout).toMatch(
      /\| +control: the floor against itself, the same way: what the run can resolve \| +\| +\| \d\.\d\d× \(\d\.\d\d–\d\.\d\d, 2 windows\)/,
    );
    const results = JSON.parse(readFileSync(out, 'utf8'));
    const positive = expect.any(Number);
    expect(results).toMatchObject({
      machine: { cores: positive, node: process.version },
      coldStart: {
        greeter: { medianWallMs: positive },
        bare: { medianWallMs: positive },
        nestFloor: { medianWallMs: positive },
        ratio: positive,
        nestFloorRatio: positive,
        ratioToNestFloor: positive,
      },
      warmInvoke: { greeter: { meanMs: positive, p99Ms: positive, peakRssBytes: positive } },
      standalone: {
        ours: { requestsPerCpuSecond: positive, requestsPerSecond: positive },
        baseline: { requestsPerCpuSecond: positive },
        pipelineBaseline: { requestsPerCpuSecond: positive },
        headersBaseline: { requestsPerCpuSecond: positive },
        headersAloneRatio: positive,
        nestFloor: { requestsPerCpuSecond: positive },
        nestFloorRatio: positive,
        ratioToNestFloor: positive,
        timeToHealthyMs: positive,
        pairedWithFloor: {
          pinned: expect.any(Boolean),
          greeter: { windows: 2, median: positive, min: positive, max: positive, ratios: [positive, positive] },
          control: { windows: 2, median: positive, min: positive, max: positive, ratios: [positive, positive] },
        },
      },
      sizes: { lambdaZipBytes: positive, lambdaBundleBytes: positive, serverBundleBytes: positive },
    });
    expect(results.standalone.ours.requestsPerCpuSecond).toBeGreaterThan(0);
    // What the EC2 capacity defaults read, in the committed record's shape.
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({
      requestsPerCpuSecond: Math.round(results.standalone.ours.requestsPerCpuSecond),
      measuredOn: results.measuredAt.slice(0, 10),
      machine: results.machine,
      what: expect.stringContaining('npm run bench'),
    });
    // Latencies on loopback are well under a millisecond: whole milliseconds would report 0.
    expect(results.standalone.ours.p50Ms).toBeGreaterThan(0);
    expect(results.standalone.ours.p99Ms).toBeGreaterThanOrEqual(results.standalone.ours.p50Ms);
    // The copies of the artifacts it measured from are gone.
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('bench-') && !scratchBefore.has(name))).toEqual([]);
    rmSync(resultsDir, { recursive: true, force: true });
  }, 120_000);
});
