import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StateResource } from './resource-probes';
import { emulatorProcessEnv, writeEmulatorOverride } from './emulator-override';
import { PROVIDER_LOG, providerLogEnv, providerLogSize, sdkRetriesSince } from './provider-log';

/** How often a long apply or destroy says how far it got. */
const PROGRESS_EVERY_MS = 20_000;
const RESOURCE_DONE = /: (Creation|Modifications|Destruction) complete after /;

/** What Terraform keeps between deploys of one stack; everything else is replaced by each new synth. */
const KEPT = new Set(['.terraform', '.terraform.lock.hcl', 'rehearsal.tfstate', 'rehearsal.tfstate.backup', PROVIDER_LOG]);

export class TerraformFailed extends Error {}

/** What Terraform said when a command that should fail failed ('' when it succeeded); any other error is thrown. */
export async function terraformFailure(command: Promise<unknown>): Promise<string> {
  try {
    await command;
    return '';
  } catch (error) {
    if (!(error instanceof TerraformFailed)) throw error;
    return error.message;
  }
}

/** Every Terraform process still running, so a rehearsal that runs out of time can stop them all. */
const running = new Set<ChildProcess>();

export function stopAllTerraform(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * One environment's deploy folder: a copy of its synthesized stack with the
 * emulator override beside it, and its state, across several deploys. Each
 * Terraform command runs as `cdktf deploy` would run it, in this folder.
 */
export class StackWorkspace {
  private initialised = false;

  private readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly dir: string,
    private readonly endpoint: string,
    /** Who signs this workspace's calls: BOOTSTRAP_KEY or deployKey(environment) (emulator-override.ts). */
    private readonly accessKey: string,
    terraformEnv: NodeJS.ProcessEnv,
    private readonly progress: (line: string) => void = () => undefined,
  ) {
    mkdirSync(dir, { recursive: true });
    this.env = { ...terraformEnv, ...emulatorProcessEnv(endpoint, accessKey), ...providerLogEnv(dir) };
  }

  /** Replaces the stack with a new synth of it (keeping providers and state), and writes the override. */
  load(stackDir: string): void {
    for (const entry of readdirSync(this.dir)) if (!KEPT.has(entry)) rmSync(join(this.dir, entry), { recursive: true, force: true });
    cpSync(stackDir, this.dir, { recursive: true });
    writeEmulatorOverride(this.dir, this.endpoint, this.accessKey);
  }

  async terraform(args: string[]): Promise<string> {
    if (!this.initialised && args[0] !== 'init') {
      await this.run(['init', '-input=false', '-no-color']);
      this.initialised = true;
    }
    return this.run(args);
  }

  apply = (...extra: string[]) => this.terraform(['apply', '-auto-approve', '-input=false', '-no-color', '-parallelism=20', ...extra]);
  destroy = () => this.terraform(['destroy', '-auto-approve', '-input=false', '-no-color', '-parallelism=20']);

  /** A fresh plan against what was applied, as JSON. */
  async plan(): Promise<any> {
    await this.terraform(['plan', '-input=false', '-no-color', '-lock=false', '-out=rehearsal.plan']);
    return JSON.parse(await this.terraform(['show', '-json', 'rehearsal.plan']));
  }

  /** The managed resources in the state, with their attributes. */
  async state(): Promise<StateResource[]> {
    if (!existsSync(join(this.dir, 'rehearsal.tfstate'))) return [];
    const shown = JSON.parse(await this.terraform(['show', '-json']));
    const resources: StateResource[] = [];
    const walk = (module: any) => {
      for (const r of module?.resources ?? []) if (r.mode === 'managed') resources.push({ address: r.address, type: r.type, values: r.values });
      for (const child of module?.child_modules ?? []) walk(child);
    };
    walk(shown.values?.root_module);
    return resources;
  }

  async outputs(): Promise<Record<string, string>> {
    const shown = JSON.parse(await this.terraform(['output', '-json']));
    return Object.fromEntries(Object.entries<any>(shown).map(([name, output]) => [name, output.value]));
  }

  private run(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn('terraform', args, { cwd: this.dir, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      running.add(child);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let done = 0;
      let partialLine = '';
      const started = Date.now();
      const logFrom = providerLogSize(this.dir);
      const ticker = setInterval(
        () => this.progress(`terraform ${args[0]}: ${done} resources done after ${Math.round((Date.now() - started) / 1000)} s`),
        PROGRESS_EVERY_MS,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        out.push(chunk);
        const lines = (partialLine + chunk.toString()).split('\n');
        partialLine = lines.pop() ?? '';
        done += lines.filter((line) => RESOURCE_DONE.test(line)).length;
      });
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (error) => {
        clearInterval(ticker);
        reject(error);
      });
      child.on('close', (code) => {
        running.delete(child);
        clearInterval(ticker);
        const stdout = Buffer.concat(out).toString();
        if (code === 0) return resolve(stdout);
        const retries = sdkRetriesSince(this.dir, logFrom);
        const retried = retries.length > 0 ? `\nThe AWS SDK sent these requests again after a failed attempt (${PROVIDER_LOG}): ${retries.join(', ')}` : '';
        reject(
          new TerraformFailed(
            `terraform ${args[0]} failed in ${this.dir}:\n${Buffer.concat(err).toString()}${stdout.split('\n').slice(-30).join('\n')}${retried}`,
          ),
        );
      });
    });
  }
}
