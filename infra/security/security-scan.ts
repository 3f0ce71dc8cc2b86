import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EnvironmentDeclaration } from '@greeter/environment-config';
import { chosenEnvironments, type CommandIo, ENVIRONMENT_OPTIONS, parseCommandLine } from '../src/command-line';
import { stackName } from '../src/greeter-stack';
import { CHECKOV_VERSION, skippedChecks } from './checkov-not-applicable';

export const SCAN_USAGE = `Usage: npm run scan -- [--environment NAME]
Runs checkov's Terraform checks on the synthesized stacks (npx cdktf synth first), without the
checks infra/security/checkov-not-applicable.ts lists, and fails on any other. Needs checkov
(pip install checkov==${CHECKOV_VERSION}); GREETER_CHECKOV may name the path of another executable that runs it.`;

export interface ScanIo extends CommandIo {
  /** Runs checkov with these arguments. */
  checkov: (args: string[]) => SpawnSyncReturns<string>;
}

export interface FailedCheck {
  id: string;
  name: string;
  resource: string;
}

/**
 * The stack as checkov can read it. checkov's `terraform_json` parser (3.3)
 * throws on a plain value in the `terraform` block ("this method receives
 * only dicts"), and `required_version` is one: the scanned copy leaves it out.
 */
export function scannableStack(stack: Record<string, unknown>): Record<string, unknown> {
  const { required_version: _ignored, ...terraform } = (stack['terraform'] ?? {}) as Record<string, unknown>;
  return { ...stack, terraform };
}

/**
 * What checkov's JSON report says: checks passed and failed. Refuses a report
 * that cannot be trusted to be whole: one of several frameworks, one with
 * files it could not parse, one whose count and list of failures disagree,
 * or one that checked nothing.
 */
export function readCheckovReport(json: string): { passed: number; failed: FailedCheck[] } {
  const report = JSON.parse(json) as {
    summary?: { passed?: number; failed?: number; parsing_errors?: number };
    results?: { failed_checks?: Array<{ check_id: string; check_name: string; resource: string }> };
  };
  if (Array.isArray(report)) throw new Error('checkov reported on several frameworks, not on terraform_json alone');
  const passed = report.summary?.passed ?? 0;
  const failed = (report.results?.failed_checks ?? []).map((c) => ({ id: c.check_id, name: c.check_name, resource: c.resource.replace(/^resource\./, '') }));
  if ((report.summary?.parsing_errors ?? 0) > 0) throw new Error(`checkov could not parse ${report.summary?.parsing_errors} file(s)`);
  if ((report.summary?.failed ?? 0) !== failed.length) throw new Error(`checkov counted ${report.summary?.failed} failed checks but listed ${failed.length}`);
  if (passed + failed.length === 0) throw new Error('checkov found no Terraform resources to check');
  return { passed, failed };
}

/** `npm run scan`. Returns 0 when every check that applies passes, 1 on a failure, 2 when it cannot scan. */
export function runSecurityScan(argv: string[], declarations: EnvironmentDeclaration[], io: ScanIo, workspaceRoot = resolve(__dirname, '../..')): number {
  const parsed = parseCommandLine(argv, ENVIRONMENT_OPTIONS, SCAN_USAGE, io);
  if (!parsed.values) return parsed.exitCode;
  const environments = chosenEnvironments(declarations, parsed.values, io);
  if (!environments) return 2;
  let failures = 0;
  for (const environment of environments) {
    const name = stackName(environment);
    const synthesized = join(workspaceRoot, 'cdktf.out/stacks', name, 'cdk.tf.json');
    if (!existsSync(synthesized)) {
      io.err(`${name}: not synthesized (${synthesized} is missing): run npx cdktf synth first.\n`);
      return 2;
    }
    const dir = mkdtempSync(join(tmpdir(), `${name}-scan-`));
    try {
      writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(scannableStack(JSON.parse(readFileSync(synthesized, 'utf8')))));
      const skipped = skippedChecks(environment);
      const run = io.checkov([
        '-d',
        dir,
        '--framework',
        'terraform_json',
        '--compact',
        '--quiet',
        '--skip-download',
        '--output',
        'json',
        '--skip-check',
        skipped.join(','),
      ]);
      if (run.error) {
        const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
        io.err(
          `checkov could not be run (${run.error.message})${missing ? `: install it with pip install checkov==${CHECKOV_VERSION}, or set GREETER_CHECKOV to the path of an executable that runs it` : ''}.\n`,
        );
        return 2;
      }
      let report;
      try {
        // checkov exits 0 when every check passed and 1 when one failed; anything else is its own failure.
        if (run.status !== 0 && run.status !== 1) throw new Error(`it exited with ${run.status ?? run.signal}`);
        report = readCheckovReport(run.stdout);
        if ((run.status === 1) !== report.failed.length > 0) throw new Error(`it exited with ${run.status} but listed ${report.failed.length} failed checks`);
      } catch (error) {
        io.err(`${name}: checkov did not report (${(error as Error).message}); its output ends:\n${(run.stderr || run.stdout).slice(-800)}\n`);
        return 2;
      }
      failures += report.failed.length;
      io.out(`${name}: ${report.passed} checks passed, ${report.failed.length} failed (${skipped.length} not applicable: ${skipped.join(', ')})\n`);
      for (const check of report.failed) io.out(`  FAILED ${check.id} ${check.resource}: ${check.name}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return failures === 0 ? 0 : 1;
}

/** checkov on the PATH, or the executable GREETER_CHECKOV names (run without a shell: a path, not a command line). */
export function checkovCommand(args: string[]): SpawnSyncReturns<string> {
  const command = process.env['GREETER_CHECKOV'] ?? 'checkov';
  return spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
