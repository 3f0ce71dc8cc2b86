import { request as httpRequest } from 'node:http';
import { toHttpApiV2Event } from '@greeter/lambda-events';
import { toAlbEvent, toRestApiV1Event, type WireRequest } from '../../support/aws-event-builders';
import { type LambdaArtifact, type ServerArtifact } from '../../support/built-artifacts';
import type { TargetName } from './http-contract-cases';

export interface ContractResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ContractTarget {
  name: TargetName;
  send(request: WireRequest): Promise<ContractResponse>;
  /** Checks the result has the fields its event source expects; throws if not. */
  assertResultShape?(result: Record<string, unknown>): void;
}

/** Sends the request over loopback with its URL bytes exactly as written (UTF-8, unencoded where the case says so). */
export function serverTarget(server: ServerArtifact): ContractTarget {
  return {
    name: 'standalone server',
    send: (request) =>
      new Promise((resolve, reject) => {
        // Node's client refuses non-Latin-1 paths; Latin-1 characters are written as single bytes, so this puts the UTF-8 bytes on the wire.
        const path = Buffer.from(request.url, 'utf8').toString('latin1');
        const req = httpRequest({ host: '127.0.0.1', port: server.port, method: request.method, path, headers: request.headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = String(value);
            resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
          });
        });
        req.on('error', reject);
        req.end();
      }),
  };
}

function fromLambdaResult(result: any): ContractResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) headers[name.toLowerCase()] = (values as string[]).join(', ');
  const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : String(result.body ?? '');
  return { status: result.statusCode, headers, body };
}

function lambdaTarget(
  name: TargetName,
  lambda: LambdaArtifact,
  toEvent: (request: WireRequest, requestId: string) => unknown,
  assertResultShape: (result: Record<string, unknown>) => void,
): ContractTarget {
  let invocations = 0;
  return {
    name,
    assertResultShape,
    async send(request) {
      const requestId = `${name.replace(/\W+/g, '-')}-${++invocations}`;
      const result = await lambda.invoke(toEvent(request, requestId), { awsRequestId: requestId });
      assertResultShape(result);
      const response = fromLambdaResult(result);
      if (response.headers['x-request-id'] !== requestId) {
        throw new Error(`x-request-id is ${response.headers['x-request-id']}, not the invocation id ${requestId}`);
      }
      return response;
    },
  };
}

function expectKeys(result: Record<string, unknown>, required: string[], forbidden: string[]): void {
  const missing = required.filter((key) => !(key in result));
  const extra = forbidden.filter((key) => key in result);
  if (missing.length || extra.length) {
    throw new Error(`result shape wrong: missing [${missing.join(', ')}], unexpected [${extra.join(', ')}] in ${JSON.stringify(result)}`);
  }
}

export function lambdaTargets(lambda: LambdaArtifact): ContractTarget[] {
  return [
    lambdaTarget(
      'Lambda via HTTP API v2',
      lambda,
      (request, requestId) => toHttpApiV2Event({ method: request.method, url: request.url, headers: { ...request.headers }, requestId }),
      (result) => expectKeys(result, ['statusCode', 'headers', 'body', 'isBase64Encoded'], ['multiValueHeaders', 'statusDescription']),
    ),
    lambdaTarget(
      'Lambda via REST API v1',
      lambda,
      (request) => toRestApiV1Event(request),
      (result) => expectKeys(result, ['statusCode', 'headers', 'body', 'isBase64Encoded'], ['cookies', 'statusDescription']),
    ),
    lambdaTarget(
      'Lambda via ALB',
      lambda,
      (request) => toAlbEvent(request, { multiValue: false }),
      (result) => expectKeys(result, ['statusCode', 'statusDescription', 'headers', 'body', 'isBase64Encoded'], ['multiValueHeaders']),
    ),
    lambdaTarget(
      'Lambda via ALB (multi-value)',
      lambda,
      (request) => toAlbEvent(request, { multiValue: true }),
      (result) => expectKeys(result, ['statusCode', 'statusDescription', 'multiValueHeaders', 'body', 'isBase64Encoded'], ['headers']),
    ),
  ];
}
