import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Compute, EnvironmentDeclaration } from '@greeter/environment-config';
import { COMPUTE_GUARD_VARIABLE } from '../src/compute/other-compute-guard';
import type { StackShape } from '../src/compute/stack-shape';
import { DEFAULT_DIST_DIR } from '../src/artifacts';
import { stackName } from '../src/greeter-stack';
import { synthesizeAll } from '../src/synthesize';
import type { BridgeShape, StackStatus } from './run-switch';

/** `terraform output -json` answers `{ name: { value, type, sensitive } }`: the values by name. */
export function outputValues(json: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries<{ value: unknown }>(JSON.parse(json)).map(([name, output]) => [name, output.value]));
}

/** Reads a stack's `compute` and `compute_switch` output values as the switch's status. */
export function statusFromOutputs(outputs: Record<string, unknown>): StackStatus {
  const compute = outputs['compute'] as Compute | undefined;
  const bridge = outputs['compute_switch'] ? ({ kind: 'bridge', ...JSON.parse(String(outputs['compute_switch'])) } as BridgeShape) : undefined;
  return { compute, bridge };
}

/**
 * The environment's stack as `cdktf deploy` runs it: synthesized into cdktf.out (in the shape the switch asks
 * for), then `terraform init` and `apply` in its folder with the caller's credentials, Terraform's own output
 * on the terminal.
 */
export class DeployedStack {
  readonly dir: string;

  constructor(
    private readonly declarations: EnvironmentDeclaration[],
    private readonly name: string,
    private readonly outdir: string,
  ) {
    this.dir = join(outdir, 'stacks', stackName({ name }));
  }

  async status(): Promise<StackStatus> {
    if (!existsSync(this.dir)) this.synth({ kind: 'steady' });
    await this.terraform(['init', '-input=false'], 'inherit');
    return statusFromOutputs(outputValues(await this.terraform(['output', '-json'], 'pipe')));
  }

  async apply(shape: StackShape, options: { replaceOther?: boolean } = {}): Promise<void> {
    this.synth(shape);
    await this.terraform(['init', '-input=false'], 'inherit');
    await this.terraform(['apply', '-auto-approve', '-input=false', ...(options.replaceOther ? ['-var', `${COMPUTE_GUARD_VARIABLE}=false`] : [])], 'inherit');
  }

  private synth(shape: StackShape): void {
    const problems: string[] = [];
    // As `cdktf deploy` synthesizes (infra/src/main.ts): a pipeline names its published build and the hash it was built from.
    const code = synthesizeAll(this.declarations, {
      only: [this.name],
      outdir: this.outdir,
      shapes: { [this.name]: shape },
      distDir: process.env['GREETER_ARTIFACTS_DIR'] || DEFAULT_DIST_DIR,
      buildCheck: { expectedSourceHash: process.env['GREETER_ARTIFACT_SOURCE_HASH'] || undefined },
      requireSharedState: process.env['GITHUB_ACTIONS'] === 'true',
      reportProblem: (line) => problems.push(line),
    });
    if (code !== 0) throw new Error(problems.join('\n'));
  }

  /** Asks a Terraform command under way to stop as Ctrl-C would: it finishes what it started, saves the state and unlocks it. */
  interrupt(): void {
    this.running?.kill('SIGINT');
  }

  private running?: ChildProcess;

  private terraform(args: string[], output: 'inherit' | 'pipe'): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn('terraform', args, { cwd: this.dir, stdio: ['ignore', output, 'inherit'] });
      this.running = child;
      const out: Buffer[] = [];
      child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`terraform ${args[0]} failed (exit ${code}) in ${this.dir}`)),
      );
    });
  }
}
