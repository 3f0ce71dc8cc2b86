import { EnvironmentConfigError, placeholderProblems, validateEnvironments, type Environment } from '@greeter/environment-config';
import { App } from 'cdktf';
import { resolve } from 'node:path';
import { type BuildCheck, DEFAULT_DIST_DIR, readGreeterArtifacts, StaleBuildError, verifyBuild } from './artifacts';
import type { StackShape } from './compute/stack-shape';
import { GreeterStack, stackName } from './greeter-stack';

/** Where environments without a state bucket keep their Terraform state: outside cdktf.out, which cdktf rewrites, and git-ignored. */
export const DEFAULT_LOCAL_STATE_DIR = resolve(__dirname, '../../terraform-state');

export interface SynthesizeOptions {
  distDir?: string;
  outdir?: string;
  localStateDir?: string;
  /** Synthesize only these environments (GREETER_ENVIRONMENTS, comma-separated); all when absent. */
  only?: string[];
  /** Refuse artifacts that are not the build of this checkout (or of the source hash named); `cdktf synth` and `deploy` always check. */
  buildCheck?: BuildCheck;
  /** Refuse environments without a state bucket: on a CI runner (GITHUB_ACTIONS) a local state file is thrown away with the runner. */
  requireSharedState?: boolean;
  /** Both computes for the environments named, while `npm run switch` moves them; one compute for the rest. */
  shapes?: Record<string, StackShape>;
  /** Where progress goes (stdout by default). */
  report?: (line: string) => void;
  /** Where problems go (stderr by default; the cdktf CLI shows it as errors). */
  reportProblem?: (line: string) => void;
}

/** `GREETER_ENVIRONMENTS=dev,staging` → ['dev', 'staging']; unset or empty → every environment. */
export function environmentsSelectedBy(value: string | undefined): string[] | undefined {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length > 0 ? names : undefined;
}

function select(environments: Environment[], only: string[] | undefined): Environment[] {
  if (!only) return environments;
  const unknown = only.filter((name) => !environments.some((env) => env.name === name));
  if (unknown.length > 0) {
    throw new EnvironmentConfigError(
      unknown.map(
        (name) =>
          `GREETER_ENVIRONMENTS names "${name}", which is not declared in infra/environments.ts (declared: ${environments.map((e) => e.name).join(', ')})`,
      ),
    );
  }
  return environments.filter((env) => only.includes(env.name));
}

function refusePlaceholders(environments: Environment[], all: Environment[]): void {
  const problems = environments.flatMap(placeholderProblems);
  if (problems.length === 0) return;
  const ready = all.filter((env) => placeholderProblems(env).length === 0).map((env) => env.name);
  const error = new EnvironmentConfigError(problems);
  if (ready.length > 0) {
    error.message += `\nMeanwhile, synthesize and deploy only what is ready: GREETER_ENVIRONMENTS=${ready.join(',')} npx cdktf deploy ${ready.map((name) => stackName({ name })).join(' ')}`;
  }
  throw error;
}

function refuseLocalState(environments: Environment[]): void {
  const local = environments.filter((env) => !env.state);
  if (local.length === 0) return;
  throw new EnvironmentConfigError(
    local.map(
      (env) =>
        `environment "${env.name}" keeps its Terraform state in a local file, which a CI runner throws away (the next deploy would find nothing and try to create everything again): give it a state bucket, state: { bucket: '…' } (docs/deploying.md, "State")`,
    ),
  );
}

/**
 * Validates every environment, refuses the example values only their owner
 * can replace, then synthesizes one stack each. Returns the process exit code:
 * a bad config or a missing build is reported in plain words, one line per
 * problem, never as a stack trace.
 */
export function synthesizeAll(declarations: unknown, options: SynthesizeOptions = {}): number {
  const report = options.report ?? ((line: string) => process.stdout.write(`${line}\n`));
  const reportProblem = options.reportProblem ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    const all = validateEnvironments(declarations);
    const environments = select(all, options.only);
    refusePlaceholders(environments, all);
    if (options.requireSharedState) refuseLocalState(environments);
    const distDir = options.distDir ?? DEFAULT_DIST_DIR;
    if (options.buildCheck) report(`build: sources ${verifyBuild(distDir, options.buildCheck).slice(0, 12)}… (${distDir})`);
    const artifacts = readGreeterArtifacts(distDir);
    const app = new App(options.outdir ? { outdir: options.outdir } : undefined);
    const localStateDir = options.localStateDir ?? DEFAULT_LOCAL_STATE_DIR;
    for (const environment of environments) {
      const shape = options.shapes?.[environment.name];
      new GreeterStack(app, { environment, artifacts, localStateDir, shape });
      const holds = shape?.kind === 'bridge' ? `${shape.from} and ${shape.to}, ${shape.weights[shape.to]}% on ${shape.to}` : environment.compute;
      report(`${stackName(environment)}: ${holds} in ${environment.region}`);
    }
    app.synth();
    return 0;
  } catch (error) {
    reportProblem(error instanceof EnvironmentConfigError || error instanceof StaleBuildError ? error.message : `synth failed: ${(error as Error).message}`);
    return 1;
  }
}
