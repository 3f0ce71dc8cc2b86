import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BatchedStdout, FLUSH_AT_CHARS, FLUSH_INTERVAL_MS } from './batched-stdout';
import { JsonLogger } from './json-logger';

function recordingStdout(): { writes: string[]; out: BatchedStdout } {
  const writes: string[] = [];
  return { writes, out: new BatchedStdout({ write: (chunk: string) => writes.push(chunk) }) };
}

describe('BatchedStdout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the lines of one interval in a single write, in order', () => {
    const { writes, out } = recordingStdout();

    out.write('a\n');
    jest.advanceTimersByTime(FLUSH_INTERVAL_MS - 1);
    out.write('b\n');
    expect(writes).toEqual([]);
    jest.advanceTimersByTime(1);

    expect(writes).toEqual(['a\nb\n']);
    jest.advanceTimersByTime(10 * FLUSH_INTERVAL_MS);
    expect(writes).toHaveLength(1);
  });

  it('writes at once when enough text is pending, without waiting for the interval', () => {
    const { writes, out } = recordingStdout();
    const line = `${'x'.repeat(99)}\n`;
    const linesToReachIt = Math.ceil(FLUSH_AT_CHARS / line.length);

    for (let i = 1; i < linesToReachIt; i++) out.write(line);
    expect(writes).toEqual([]);
    out.write(line);

    expect(writes).toHaveLength(1);
    expect(writes[0]).toHaveLength(linesToReachIt * line.length);
    jest.advanceTimersByTime(FLUSH_INTERVAL_MS);
    expect(writes).toHaveLength(1);
  });

  it('writes what is pending at once on flush, and nothing twice', () => {
    const { writes, out } = recordingStdout();

    out.write('c\n');
    out.flush();
    jest.advanceTimersByTime(FLUSH_INTERVAL_MS);
    out.flush();

    expect(writes).toEqual(['c\n']);
  });

  it('never keeps the process alive for pending lines', () => {
    jest.useRealTimers();
    const { out } = recordingStdout();
    const timers = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();

    out.write('d\n');

    expect(timers()).toBe(before);
    out.flush();
  });

  it('writes pending lines when the process exits, however soon after they were logged', () => {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import { BatchedStdout } from ${JSON.stringify(join(__dirname, 'batched-stdout.ts'))}; new BatchedStdout().write('last words\\n'); process.exit(3);`,
      ],
      {
        encoding: 'utf8',
      },
    );

    expect(child.status).toBe(3);
    expect(child.stdout).toBe('last words\n');
  });
});

describe('JsonLogger on BatchedStdout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('batches access-log lines, but writes any other line at once, after the pending ones', () => {
    const { writes, out } = recordingStdout();
    const logger = new JsonLogger(undefined, out);

    logger.request('GET', '/greet', 200, 0.5, 'req-1');
    expect(writes).toEqual([]);
    logger.error('database unreachable', undefined, 'Test');

    expect(writes).toHaveLength(1);
    expect(
      writes[0]!
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).msg),
    ).toEqual(['request', 'database unreachable']);
  });
});
