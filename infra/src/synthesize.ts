import { EnvironmentConfigError, validateEnvironments } from '@greeter/environment-config';
import { App } from 'cdktf';
import { DEFAULT_DIST_DIR, readGreeterArtifacts } from './artifacts';
import { GreeterStack, stackName } from './greeter-stack';

export interface SynthesizeOptions {
  distDir?: string;
  outdir?: string;
  /** Where progress goes (stdout by default). */
  report?: (line: string) => void;
  /** Where problems go (stderr by default; the cdktf CLI shows it as errors). */
  reportProblem?: (line: string) => void;
}

/**
 * Validates every environment, then synthesizes one stack each. Returns the
 * process exit code: a bad config or a missing build is reported in plain
 * words, one line per problem, never as a stack trace.
 */
export function synthesizeAll(declarations: unknown, options: SynthesizeOptions = {}): number {
  const report = options.report ?? ((line: string) => process.stdout.write(`${line}\n`));
  const reportProblem = options.reportProblem ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    const environments = validateEnvironments(declarations);
    const artifacts = readGreeterArtifacts(options.distDir ?? DEFAULT_DIST_DIR);
    const app = new App(options.outdir ? { outdir: options.outdir } : undefined);
    for (const environment of environments) {
      new GreeterStack(app, { environment, artifacts });
      report(`${stackName(environment)}: ${environment.compute} in ${environment.region}`);
    }
    app.synth();
    return 0;
  } catch (error) {
    reportProblem(error instanceof EnvironmentConfigError ? error.message : `synth failed: ${(error as Error).message}`);
    return 1;
  }
}
