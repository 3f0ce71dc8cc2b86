import { type LambdaArtifact, type ServerArtifact, startLambdaArtifact, startServerArtifact } from '../support/built-artifacts';
import { type ContractTarget, lambdaTargets, serverTarget } from './contract/contract-targets';
import { HTTP_CONTRACT, type TargetName } from './contract/http-contract-cases';

const TARGETS: TargetName[] = [
  'standalone server',
  'Lambda via HTTP API v2',
  'Lambda via REST API v1',
  'Lambda via ALB',
  'Lambda via ALB (multi-value)',
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
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(response.headers['x-powered-by']).toBeUndefined();
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
