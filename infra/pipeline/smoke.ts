/** The seed's contract, as a client sees it on a deployed environment. */
export const CONTRACT = [
  { path: 'greet?name=Ada', status: 200, body: { message: 'Hello, Ada!' } },
  { path: 'greet', status: 200, body: { message: 'Hello, World!' } },
] as const;

export interface SmokeIo {
  fetch: (url: string, init?: { signal?: AbortSignal; redirect?: 'manual' }) => Promise<{ status: number; text(): Promise<string> }>;
  sleep: (ms: number) => Promise<void>;
  print: (line: string) => void;
}

export interface SmokeOptions {
  /** How long the environment may take to answer as it should (a new EC2 fleet boots and installs). */
  deadlineMs?: number;
}

/** Each request's own limit. */
const REQUEST_TIMEOUT_MS = 10_000;
/** The first pause between tries; it doubles up to MAX_PAUSE_MS. */
const FIRST_PAUSE_MS = 2_000;
const MAX_PAUSE_MS = 30_000;

export class SmokeTestFailed extends Error {}

const same = (text: string, expected: unknown): boolean => {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(expected);
  } catch {
    return false;
  }
};

/**
 * Asks the environment for each answer of the contract until all are right,
 * or the deadline passes: then fails with what it last saw. Returns the
 * number of tries it took.
 */
export async function smokeTest(baseUrl: string, io: SmokeIo, options: SmokeOptions = {}): Promise<number> {
  const { deadlineMs = 10 * 60_000 } = options;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  let waited = 0;
  let pause = FIRST_PAUSE_MS;
  for (let attempt = 1; ; attempt++) {
    const seen: string[] = [];
    for (const { path, status, body } of CONTRACT) {
      try {
        const answer = await io.fetch(`${base}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), redirect: 'manual' });
        const text = await answer.text();
        if (answer.status !== status || !same(text, body)) seen.push(`GET /${path} answered ${answer.status} ${text.slice(0, 200)}`);
      } catch (error) {
        seen.push(`GET /${path} failed: ${(error as Error).message}`);
      }
    }
    if (seen.length === 0) {
      io.print(`${base} answers the contract (${CONTRACT.map((c) => `GET /${c.path}`).join(', ')}) after ${attempt} ${attempt === 1 ? 'try' : 'tries'}`);
      return attempt;
    }
    if (waited + pause > deadlineMs) {
      throw new SmokeTestFailed(`${base} did not answer the contract within ${Math.round(deadlineMs / 1000)} s; last try: ${seen.join('; ')}`);
    }
    io.print(`try ${attempt}: ${seen.join('; ')}; trying again in ${Math.round(pause / 1000)} s`);
    await io.sleep(pause);
    waited += pause;
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
  }
}
