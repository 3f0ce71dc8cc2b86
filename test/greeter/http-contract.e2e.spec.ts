import { type LambdaArtifact, type ServerArtifact, startLambdaArtifact, startServerArtifact } from '../support/built-artifacts';
import { type ContractTarget, lambdaTargets, serverTarget } from './contract/contract-targets';
import { HTTP_CONTRACT, type TargetName } from './contract/http-contract-cases';

const TARGETS: TargetName[] = ['standalone server', 'Lambda via HTTP API v2', 'Lambda via REST API v1', 'Lambda via ALB', 'Lambda via ALB (multi-value)'];

// OWASP REST Security Cheat Sheet, "Security Headers": on every answer, errors included.
const OWASP_REST_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};
// What helmet adds for HTML pages, and what frameworks advertise themselves with.
const HTML_PAGE_HEADERS = [
  'x-powered-by',
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-dns-prefetch-control',
  'x-xss-protection',
];

let server: ServerArtifact;
let lambda: LambdaArtifact;
const targets = new Map<TargetName, ContractTarget>();

beforeAll(async () => {
  [server, lambda] = await Promise.all([startServerArtifact(), startLambdaArtifact()]);
  for (const target of [serverTarget(server), ...lambdaTargets(lambda)]) targets.set(target.name, target);
});

afterAll(async () => {
  await Promise.all([server?.stop(), lambda?.stop()]);
});

describe.each(TARGETS)('the HTTP contract on the %s', (targetName) => {
  const cases = HTTP_CONTRACT.filter((c) => !c.notFor?.[targetName]);

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, contractCase) => {
    const response = await targets.get(targetName)!.send(contractCase.request);

    expect(response.status).toBe(contractCase.expect.status);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers).toMatchObject(OWASP_REST_HEADERS);
    for (const name of HTML_PAGE_HEADERS) expect(response.headers).not.toHaveProperty(name);
    const requestId = response.headers['x-request-id'];
    expect(requestId).toMatch(/\S/);

    const body = JSON.parse(response.body);
    if (response.status >= 400) {
      const { requestId: bodyRequestId, ...rest } = body;
      expect(rest).toEqual(contractCase.expect.body);
      expect(bodyRequestId).toBe(requestId);
      expect(response.body).not.toMatch(/at .*\.(m?js|ts):\d+/); // no stack trace
    } else {
      expect(body).toEqual(contractCase.expect.body);
    }
  });
});

describe('the contract table', () => {
  it('says why whenever a case skips a target', () => {
    for (const contractCase of HTTP_CONTRACT) {
      for (const [target, reason] of Object.entries(contractCase.notFor ?? {})) {
        expect(TARGETS).toContain(target);
        expect(reason!.length).toBeGreaterThan(20);
      }
    }
  });
});

// What a front end sets per connection or per answer, not the app: a client moved between computes sees its own values there.
const PER_HOP_OR_PER_ANSWER = new Set(['date', 'x-request-id', 'connection', 'keep-alive', 'transfer-encoding']);
const comparable = ({ status, headers, body }: { status: number; headers: Record<string, string>; body: string }) => {
  const parsed = JSON.parse(body);
  if (status >= 400) delete parsed.requestId;
  const kept = Object.entries(headers).filter(([name]) => !PER_HOP_OR_PER_ANSWER.has(name));
  // An error body carries the request id, so its length follows the id; the body itself is compared.
  return { status, body: parsed, headers: Object.fromEntries(kept.map(([name, value]) => [name, name === 'content-length' ? 'set' : value])) };
};

describe.each(TARGETS.filter((name) => name !== 'standalone server'))('a client moved between the standalone server and the %s', (targetName) => {
  const cases = HTTP_CONTRACT.filter((c) => !c.notFor?.[targetName] && !c.notFor?.['standalone server']);

  it.each(cases.map((c) => [c.name, c] as const))('gets the same status, body and headers for %s', async (_name, contractCase) => {
    const [fromServer, fromLambda] = await Promise.all([
      targets.get('standalone server')!.send(contractCase.request),
      targets.get(targetName)!.send(contractCase.request),
    ]);

    expect(comparable(fromLambda)).toEqual(comparable(fromServer));
  });
});
