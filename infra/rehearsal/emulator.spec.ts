import { findMotoPython, MOTO_MISSING, type RunningEmulator, startEmulator } from './emulator';

const { python } = findMotoPython();

/** A call as the AWS SDKs send it: the same invocation id on every attempt of one call. */
function putParameter(endpoint: string, invocation: string, attempt: number, body: object): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: {
      authorization: 'AWS4-HMAC-SHA256 Credential=rehearsal/20261201/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=0',
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonSSM.PutParameter',
      'amz-sdk-invocation-id': invocation,
      'amz-sdk-request': `attempt=${attempt}; max=3`,
    },
    body: JSON.stringify(body),
  });
}

// Without moto the rehearsal says how to install it and skips, except under CI=true: so does this.
const describeWithMoto = python || process.env['CI'] === 'true' ? describe : describe.skip;

describeWithMoto("the rehearsal's emulator", () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    if (!python) throw new Error(MOTO_MISSING);
    emulator = await startEmulator(python, () => undefined);
  }, 60_000);
  afterAll(() => emulator?.stop());

  it('answers a retried call with its first answer, and applies it once', async () => {
    const parameter = { Name: '/greeter/retried', Value: 'v', Type: 'String' };

    const first = await putParameter(emulator.endpoint, 'call-1', 1, parameter);
    const retry = await putParameter(emulator.endpoint, 'call-1', 2, parameter);
    const anotherCall = await putParameter(emulator.endpoint, 'call-2', 1, parameter);
    const replayed = await emulator.retriesAnsweredOnce();

    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(await retry.json()).toEqual({ Version: 1, Tier: 'Standard' });
    expect(anotherCall.status).toBe(400);
    expect(await anotherCall.text()).toContain('ParameterAlreadyExists');
    expect(replayed).toEqual([{ call: 'ssm PutParameter', attempt: 'attempt=2; max=3' }]);
  });

  it('counts each call by who signed it, the service and the operation, a REST call by its path', async () => {
    await fetch(`${emulator.endpoint}/2015-03-31/functions/greeter-nowhere`, {
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=deploy-dev/20261201/eu-west-1/lambda/aws4_request, SignedHeaders=host, Signature=0' },
    });

    const calls = await emulator.callsSeen();

    expect(calls).toContainEqual({ key: 'deploy-dev', service: 'lambda', region: 'eu-west-1', operation: 'GetFunction', count: 1 });
    expect(calls).toContainEqual(expect.objectContaining({ key: 'rehearsal', service: 'ssm', region: 'us-east-1', operation: 'PutParameter' }));
  });

  it('passes the retry of a failed call on to moto', async () => {
    const failed = await putParameter(emulator.endpoint, 'call-3', 1, { Name: '/greeter/invalid', Value: 'v', Type: 'NoSuchType' });
    const retry = await putParameter(emulator.endpoint, 'call-3', 2, { Name: '/greeter/invalid', Value: 'v', Type: 'String' });

    expect(failed.status).toBe(400);
    expect(retry.status).toBe(200);
  });
});
