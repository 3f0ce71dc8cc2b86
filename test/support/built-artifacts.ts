import { type ChildProcess, fork, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';

const DIST = join(__dirname, '../../dist/apps/greeter');
export const LAMBDA_ZIP = join(DIST, 'greeter-lambda.zip');
export const SERVER_BUNDLE = join(DIST, 'server/main.mjs');

function requireBuilt(file: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx nx run greeter:build\` first (\`npm test\` does).`);
}

/** A folder outside the workspace, so nothing can be resolved from node_modules. */
function isolatedDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface LambdaArtifact {
  /** `AsyncFunction` and its declared parameter count, as the runtime sees the handler. */
  readonly handlerShape: { kind: string; arity: number };
  /** Work done while the artifact loaded (Lambda's init phase): Intl date formatters built, Node built-in modules loaded. */
  readonly startUp: { dateTimeFormatters: number; builtins: string[] };
  invoke(event: unknown, context?: { awsRequestId: string }): Promise<any>;
  /** The handler's result, and the lines it wrote to stdout before it returned. */
  invokeWithLogs(event: unknown, context?: { awsRequestId: string }): Promise<{ result: any; logs: string[] }>;
  stop(): Promise<void>;
}

function unzipLambdaArtifact(): string {
  requireBuilt(LAMBDA_ZIP);
  const dir = isolatedDir('greeter-lambda-');
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(LAMBDA_ZIP)))) writeFileSync(join(dir, name), bytes);
  return dir;
}

/** Loads the built Lambda artifact with `env`, expecting its init phase to fail; resolves with the exit code and stderr. */
export async function loadLambdaArtifactExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const dir = unzipLambdaArtifact();
  try {
    const child = spawn(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)})`], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return await exitOf(child);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Unzips the built Lambda artifact into an empty folder and loads it in a child process, as the runtime would. */
export async function startLambdaArtifact(): Promise<LambdaArtifact> {
  const dir = unzipLambdaArtifact();
  const child = fork(join(__dirname, 'invoke-lambda-artifact.mjs'), [pathToFileURL(join(dir, 'index.mjs')).href], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const { handlerShape, startUp } = await new Promise<Pick<LambdaArtifact, 'handlerShape' | 'startUp'>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the Lambda artifact exited with code ${code} while loading`)));
    child.on('message', (message: any) => {
      if (message.ready) return resolve({ handlerShape: { kind: message.handlerKind, arity: message.handlerArity }, startUp: message.startUp });
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message);
    });
  });
  let invocations = 0;
  const invokeWithLogs = (event: unknown, context = { awsRequestId: `test-invocation-${++invocations}` }): Promise<{ result: any; logs: string[] }> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, event, context });
    });
  return {
    handlerShape,
    startUp,
    invoke: async (event, context) => (await invokeWithLogs(event, context)).result,
    invokeWithLogs,
    stop: async () => {
      child.removeAllListeners('exit');
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ServerArtifact {
  readonly port: number;
  readonly baseUrl: string;
  readonly process: ChildProcess;
  readonly output: string[];
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Copies the built server bundle into an empty folder and runs it with plain `node` on loopback. */
export async function startServerArtifact(env: Record<string, string> = {}): Promise<ServerArtifact> {
  requireBuilt(SERVER_BUNDLE);
  const dir = isolatedDir('greeter-server-');
  copyFileSync(SERVER_BUNDLE, join(dir, 'main.mjs'));
  const child = spawn(process.execPath, [join(dir, 'main.mjs')], {
    cwd: dir,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectLines(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output.join('\n')}`)), 15_000);
    const check = (): void => {
      const line = output.find((l) => l.includes('"msg":"listening"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line).port);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening: ${output.join('\n')}`));
    });
  });
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    process: child,
    output,
    exited,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits (at most 15 s, then kills it) for a child that is expected to exit; resolves with its exit code and stderr. */
async function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, stderr };
}

/** Runs the server bundle expecting it to fail at start; resolves with its exit code and stderr. */
export async function runServerArtifactExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  requireBuilt(SERVER_BUNDLE);
  const child = spawn(process.execPath, [SERVER_BUNDLE], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  return exitOf(child);
}

function collectLines(child: ChildProcess): string[] {
  const lines: string[] = [];
  let partial = '';
  const take = (chunk: Buffer): void => {
    partial += chunk.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter((p) => p !== ''));
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return lines;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
