import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_DIST_DIR } from '../src/artifacts';
import { CONTRACT, SmokeTestFailed, smokeTest } from './smoke';

const quiet = { sleep: async () => undefined, print: () => undefined };

/** Answers each request with the next of `answers` (the last one repeating), recording what was asked. */
function scriptedFetch(answers: Array<{ status: number; body: string } | Error>) {
  const asked: string[] = [];
  let next = 0;
  const fetch = async (url: string) => {
    asked.push(url);
    const answer = answers[Math.min(next++, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return { status: answer.status, text: async () => answer.body };
  };
  return { fetch, asked };
}

const ok = (path: (typeof CONTRACT)[number]) => ({ status: 200, body: JSON.stringify(path.body) });

describe('the smoke test after a deploy', () => {
  let server: ChildProcess | undefined;
  afterEach(() => server?.kill('SIGKILL'));

  it('passes on the built server answering the seed’s contract on loopback, at the first try', async () => {
    server = spawn(process.execPath, [join(DEFAULT_DIST_DIR, 'server/main.mjs')], {
      env: { PATH: process.env['PATH'], PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      server!.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = /"port":(\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      server!.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });

    await expect(smokeTest(`http://127.0.0.1:${port}`, { fetch, ...quiet })).resolves.toBe(1);
  });

  it('waits for an environment that is still coming up (DNS not there yet, then 503s), then passes', async () => {
    const { fetch, asked } = scriptedFetch([
      new Error('getaddrinfo ENOTFOUND api.greeter.test'),
      new Error('ENOTFOUND'),
      { status: 503, body: '' },
      { status: 503, body: '' },
      ok(CONTRACT[0]),
      ok(CONTRACT[1]),
    ]);
    const printed: string[] = [];

    await expect(smokeTest('https://api.greeter.test/', { fetch, sleep: async () => undefined, print: (l) => printed.push(l) })).resolves.toBe(3);

    expect(asked.slice(-2)).toEqual(['https://api.greeter.test/greet?name=Ada', 'https://api.greeter.test/greet']);
    expect(printed[0]).toMatch(/^try 1: GET \/greet\?name=Ada failed: getaddrinfo ENOTFOUND api\.greeter\.test; .*trying again in 2 s$/);
    expect(printed.at(-1)).toBe('https://api.greeter.test/ answers the contract (GET /greet?name=Ada, GET /greet) after 3 tries');
  });

  it('fails with the last wrong answer once the deadline passes, doubling its pauses up to 30 s meanwhile', async () => {
    const { fetch } = scriptedFetch([{ status: 200, body: '{"message":"Hello, Eve!"}' }]);
    const pauses: number[] = [];

    const run = smokeTest('https://api.greeter.test', { fetch, sleep: async (ms) => void pauses.push(ms), print: () => undefined }, { deadlineMs: 120_000 });

    await expect(run).rejects.toThrow(SmokeTestFailed);
    await expect(run).rejects.toThrow(/did not answer the contract within 120 s; last try: GET \/greet\?name=Ada answered 200 \{"message":"Hello, Eve!"\}/);
    expect(pauses).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(pauses.reduce((a, b) => a + b)).toBe(120_000);
  });
});
