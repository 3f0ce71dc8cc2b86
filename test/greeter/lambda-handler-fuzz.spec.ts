import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGreeterApp } from '../../apps/greeter/src/app/create-greeter-app';
import { JsonLogger } from '../../apps/greeter/src/app/logging/json-logger';
import { isDirectInvokeEvent } from '../../apps/greeter/src/lambda/direct-invoke';
import { createLambdaHandler, type LambdaHandler } from '../../apps/greeter/src/lambda/lambda-handler';
import { awsEventFiles, loadAwsEvent } from '../../libs/lambda-events/src/testing/aws-event-fixtures';
import { mutateEvent, wrongTypeVariants } from '../support/event-mutations';
import { SeededRandom } from '../support/seeded-random';

// Change the seed to explore further; a failure prints the seed, the round and the event, so it replays.
const SEED = 13;
const MUTATIONS = 10_000;

/** Every request fixture (HTTP sources, authorizers, websocket, the deliberately invalid ones) and a direct invoke. */
const SEED_EVENTS: Array<[string, unknown]> = [
  ...awsEventFiles(
    'alb',
    'alb-multivalue',
    'apigw-v1-rest',
    'apigw-v2-http',
    'function-url',
    'example',
    'apigw-v1-authorizer-REQUEST',
    'apigw-v1-authorizer-TOKEN',
    'apigw-v2-authorizer-REQUEST',
    'apigw-websocket-MESSAGE',
  ).map((file): [string, unknown] => [file, loadAwsEvent(file)]),
  ['direct invoke', { name: 'Ada' }],
];

/** What a mutated event did wrong, if anything: the handler must resolve with a well-formed answer and write one log line. */
async function misbehaviourOf(handler: LambdaHandler, logs: string[], event: unknown, requestId: string): Promise<string | undefined> {
  const before = logs.length;
  let result: any;
  try {
    result = await handler(event, { awsRequestId: requestId });
  } catch (error) {
    return `rejected: ${String(error)}`;
  }
  const lines = logs.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
  if (lines.length !== 1 || lines[0]!['requestId'] !== requestId) return `wrote ${lines.length} log lines: ${JSON.stringify(lines)}`;
  if (typeof result?.statusCode !== 'number') return `no status code: ${JSON.stringify(result)}`;
  // A malformed event is the caller's fault, never a 500.
  if (result.statusCode >= 500) return `answered ${result.statusCode}: ${JSON.stringify(result)}`;
  if (result.statusCode === 400 && !isDirectInvokeEvent(event)) {
    const body = JSON.parse(result.body) as Record<string, unknown>;
    if (body['statusCode'] !== 400 || body['requestId'] !== requestId || typeof body['message'] !== 'string')
      return `a 400 without the contract's JSON: ${result.body}`;
  }
  return undefined;
}

describe('the Lambda handler, fed mutated real events', () => {
  let app: NestFastifyApplication;
  let handler: LambdaHandler;
  const logs: string[] = [];

  beforeAll(async () => {
    const logger = new JsonLogger(undefined, { write: (line) => void logs.push(line) });
    app = await createGreeterApp({ logger });
    handler = createLambdaHandler(app.getHttpAdapter().getInstance(), logger);
  });
  afterAll(() => app.close());

  it(`never rejects, answers every event with a status below 500 (400s as the contract's JSON) and writes exactly one log line each, over ${MUTATIONS} mutations (seed ${SEED})`, async () => {
    const random = new SeededRandom(SEED);
    const failures: string[] = [];

    for (let round = 0; round < MUTATIONS; round++) {
      const [origin, fixture] = random.pick(SEED_EVENTS);
      const event = mutateEvent(structuredClone(fixture) as never, random);
      const shown = JSON.stringify(event)?.slice(0, 400);
      const problem = await misbehaviourOf(handler, logs, event, `fuzz-${round}`);
      if (problem && failures.length < 5) failures.push(`seed ${SEED}, round ${round}, from ${origin}: ${problem}\n  event: ${shown}`);
      logs.length = 0;
      // Yield to the event loop, as invocations are apart in Lambda, so timers (and Jest) get their turn.
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(failures).toEqual([]);
  }, 60_000);

  it('answers every event one wrong JSON type away from a real one (each value of each shape, each list and map grown) below 500, with one log line', async () => {
    const failures: string[] = [];
    let count = 0;

    for (const [origin, fixture] of SEED_EVENTS) {
      for (const { at, event } of wrongTypeVariants(fixture as never)) {
        const problem = await misbehaviourOf(handler, logs, event, `wrong-type-${count}`);
        if (problem && failures.length < 5) failures.push(`${origin}, ${at}: ${problem}`);
        logs.length = 0;
        if (++count % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }

    expect(count).toBeGreaterThan(10_000);
    expect(failures).toEqual([]);
  }, 120_000);
});
