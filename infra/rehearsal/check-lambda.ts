import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import type { Environment } from '@greeter/environment-config';
import { unzipSync } from 'fflate';
import type { BuiltArtifact } from '../src/artifacts';
import { LAMBDA_RUNTIME, stackName } from '../src/greeter-stack';
import type { EmulatorClients } from './aws-clients';
import { liveVersion } from './check-lambda-delivery';
import type { Check } from './checks';

/** The seed's two Lambda answers, as the runtime would call the handler. */
const INVOCATIONS = [
  { what: 'direct invoke {"name":"Ada"}', event: { name: 'Ada' }, expected: { statusCode: 200, body: 'Hello, Ada!' } },
  { what: 'HTTP API event for GET /greet?name=Ada', event: 'http-api', expected: { statusCode: 200, body: '{"message":"Hello, Ada!"}' } },
];

const FIXTURE = join(__dirname, '../../test/fixtures/aws-events/powertools-ts__apigw-v2-http__no-auth.json');

function httpApiGreetAda(): unknown {
  const event = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  Object.assign(event, { rawPath: '/greet', rawQueryString: 'name=Ada', queryStringParameters: { name: 'Ada' } });
  Object.assign(event.requestContext.http, { method: 'GET', path: '/greet' });
  return event;
}

/** Unpacks a Lambda zip into an empty folder and calls its handler in a fresh node, as the runtime would. */
function runZipLocally(zip: Uint8Array): Array<{ statusCode?: number; body?: string; error?: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'greeter-rehearsal-lambda-'));
  try {
    for (const [name, content] of Object.entries(unzipSync(zip))) writeFileSync(join(dir, name), content);
    const events = INVOCATIONS.map((i) => (i.event === 'http-api' ? httpApiGreetAda() : i.event));
    const script = `const { handler } = await import(${JSON.stringify(join(dir, 'index.mjs'))});
const context = { awsRequestId: 'rehearsal', functionName: 'greeter', getRemainingTimeInMillis: () => 10000 };
const results = [];
for (const event of ${JSON.stringify(events)}) {
  try { const r = await handler(event, context); results.push({ statusCode: r.statusCode, body: r.body }); } catch (e) { results.push({ error: String(e) }); }
}
process.stderr.write('\\n@@' + JSON.stringify(results) + '\\n');`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env['PATH'] },
    });
    const line = (run.stderr ?? '').split('\n').find((l) => l.startsWith('@@'));
    if (!line) throw new Error(`the downloaded Lambda code did not run: ${run.stderr || run.error}`);
    return JSON.parse(line.slice(2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The function as configured, its `live` alias on the newest published
 * version, and its code: downloaded from the emulator, byte-identical to the
 * built zip, and answering the seed's contract when run.
 */
export async function checkLambda(aws: EmulatorClients, env: Environment, zip: BuiltArtifact, check: Check): Promise<{ version: string }> {
  const name = stackName(env);
  const fn = await aws.lambda.send(new GetFunctionCommand({ FunctionName: name }));
  const config = fn.Configuration!;
  check(`runtime ${LAMBDA_RUNTIME}`, config.Runtime === LAMBDA_RUNTIME, config.Runtime);
  check(`architecture ${env.lambda.architecture}`, config.Architectures?.join() === env.lambda.architecture, config.Architectures?.join());
  check(`memory ${env.lambda.memoryMb} MB`, config.MemorySize === env.lambda.memoryMb, config.MemorySize);
  check(`timeout ${env.lambda.timeoutSeconds} s`, config.Timeout === env.lambda.timeoutSeconds, config.Timeout);
  check('handler index.handler', config.Handler === 'index.handler', config.Handler);

  const version = await liveVersion(aws, env);
  const published = await aws.lambda.send(new GetFunctionCommand({ FunctionName: name, Qualifier: version }));
  check(
    `alias live on published version ${version}, whose code hash is the build's`,
    /^\d+$/.test(version) && published.Configuration?.CodeSha256 === zip.sha256Base64,
    published.Configuration?.CodeSha256,
  );

  const location = published.Code?.Location;
  const downloaded = location ? new Uint8Array(await (await fetch(location)).arrayBuffer()) : new Uint8Array();
  const built = readFileSync(zip.path);
  check(
    `code zip downloaded from the emulator is byte-identical to the build (${built.length} bytes)`,
    Buffer.from(downloaded).equals(built),
    `${downloaded.length} bytes`,
  );
  const answers = runZipLocally(downloaded);
  INVOCATIONS.forEach((invocation, i) => {
    const got = answers[i];
    check(
      `downloaded code answers ${invocation.what}`,
      got?.statusCode === invocation.expected.statusCode && got?.body === invocation.expected.body,
      JSON.stringify(got),
    );
  });
  return { version };
}
