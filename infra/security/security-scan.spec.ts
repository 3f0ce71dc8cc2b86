import type { SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../environments';
import { withOwnValues } from '../test/own-values';
import { CHECKOV_VERSION, NOT_APPLICABLE } from './checkov-not-applicable';
import { readCheckovReport, runSecurityScan, scannableStack } from './security-scan';

// A report checkov 3.3.13 wrote for greeter-staging (before the not-applicable checks were skipped), cut to one
// passed and two failed checks.
const REAL_REPORT = readFileSync(join(__dirname, 'fixtures/checkov-3.3.13-report.json'), 'utf8');
const PASSING_REPORT = JSON.stringify({ check_type: 'terraform_json', results: { passed_checks: [], failed_checks: [] }, summary: { passed: 148, failed: 0 } });
const declarations = withOwnValues(ENVIRONMENTS);

/** A workspace whose cdktf.out holds a stack per environment, as `cdktf synth` writes them. */
function synthesizedWorkspace(names = ['dev', 'staging', 'prod']): string {
  const root = mkdtempSync(join(tmpdir(), 'greeter-scan-'));
  for (const name of names) {
    mkdirSync(join(root, 'cdktf.out/stacks', `greeter-${name}`), { recursive: true });
    writeFileSync(
      join(root, 'cdktf.out/stacks', `greeter-${name}`, 'cdk.tf.json'),
      JSON.stringify({ terraform: { required_version: '>= 1.10', backend: { local: {} } }, resource: {} }),
    );
  }
  return root;
}

function scan(argv: string[], checkov: (args: string[]) => Partial<SpawnSyncReturns<string>>, root = synthesizedWorkspace()) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: Array<{ args: string[]; scanned: unknown }> = [];
  const code = runSecurityScan(
    argv,
    declarations,
    {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      checkov: (args) => {
        calls.push({ args, scanned: JSON.parse(readFileSync(join(args[1]!, 'cdk.tf.json'), 'utf8')) });
        return { status: 0, stdout: '', stderr: '', ...checkov(args) } as SpawnSyncReturns<string>;
      },
    },
    root,
  );
  return { code, out: out.join(''), err: err.join(''), calls };
}

describe('npm run scan (checkov on the synthesized stacks)', () => {
  it('passes when every check that applies passes, and says which it left out', () => {
    const { code, out, calls } = scan([], () => ({ stdout: PASSING_REPORT }));

    expect(code).toBe(0);
    expect(calls).toHaveLength(3);
    expect(calls[0]!.args).toEqual(expect.arrayContaining(['--framework', 'terraform_json', '--output', 'json', '--skip-download']));
    expect(out).toContain('greeter-prod: 148 checks passed, 0 failed (13 not applicable: ');
  });

  it('skips ALB deletion protection only where the environment turns it off', () => {
    const { calls } = scan([], () => ({ stdout: PASSING_REPORT }));
    const skipped = (i: number) => calls[i]!.args[calls[i]!.args.indexOf('--skip-check') + 1]!.split(',');

    expect(skipped(1)).toContain('CKV_AWS_150'); // staging
    expect(skipped(2)).not.toContain('CKV_AWS_150'); // prod
    expect(skipped(2)).toHaveLength(NOT_APPLICABLE.length - 1);
  });

  it('scans a copy without terraform.required_version, which checkov 3.3’s JSON parser cannot read', () => {
    const { calls } = scan(['--env', 'dev'], () => ({ stdout: PASSING_REPORT }));

    expect(calls[0]!.scanned).toEqual({ terraform: { backend: { local: {} } }, resource: {} });
    expect(scannableStack({ terraform: { required_version: '>= 1.10' }, data: {} })).toEqual({ terraform: {}, data: {} });
  });

  it('fails on any other failed check, naming the check and the resource', () => {
    const { code, out } = scan(['--env', 'staging'], () => ({ status: 1, stdout: REAL_REPORT }));

    expect(code).toBe(1);
    expect(out).toContain('greeter-staging: 1 checks passed, 2 failed');
    expect(out).toContain('  FAILED CKV_AWS_158 app-logs: Ensure that CloudWatch Log Group is encrypted by KMS\n');
    expect(out).toMatch(/ {2}FAILED CKV_AWS_260 service_alb-in-80-ipv4_\w+: Ensure no security groups allow ingress from 0\.0\.0\.0:0 to port 80\n/);
  });

  it('cannot pass on a report that is not whole: nothing checked, files unparsed, counts that disagree, another exit', () => {
    expect(() => readCheckovReport('{"passed":0,"failed":0,"skipped":0,"parsing_errors":0,"resource_count":0}')).toThrow(
      'checkov found no Terraform resources to check',
    );
    expect(() => readCheckovReport('[]')).toThrow('checkov reported on several frameworks');
    expect(() => readCheckovReport(JSON.stringify({ summary: { passed: 5, failed: 0, parsing_errors: 1 }, results: {} }))).toThrow(
      'checkov could not parse 1 file(s)',
    );
    expect(() => readCheckovReport(JSON.stringify({ summary: { passed: 5, failed: 2 }, results: { failed_checks: [] } }))).toThrow(
      'checkov counted 2 failed checks but listed 0',
    );
    expect(scan(['--env', 'dev'], () => ({ status: 2, stdout: PASSING_REPORT })).err).toContain('greeter-dev: checkov did not report (it exited with 2)');
    expect(scan(['--env', 'dev'], () => ({ status: 1, stdout: PASSING_REPORT })).err).toContain('(it exited with 1 but listed 0 failed checks)');
    expect(scan(['--env', 'dev'], () => ({ stdout: '[]' })).code).toBe(2);
    expect(scan(['--env', 'dev'], () => ({ stdout: 'Traceback (most recent call last):', stderr: 'Exception: this method receives only dicts' })).err).toMatch(
      /greeter-dev: checkov did not report .*\nException: this method receives only dicts/,
    );
  });

  it('says how to install checkov when it is missing, to synthesize first when a stack is, and what is wrong with the config', () => {
    const missing = scan(['--env', 'dev'], () => ({ error: Object.assign(new Error('spawnSync checkov ENOENT'), { code: 'ENOENT' }) }));
    const unsynthesized = scan(['--env', 'prod'], () => ({ stdout: PASSING_REPORT }), synthesizedWorkspace(['dev']));

    expect(missing).toMatchObject({
      code: 2,
      err: expect.stringContaining('checkov could not be run (spawnSync checkov ENOENT): install it with pip install checkov==3.3.13'),
    });
    let badConfigErr = '';
    const badConfig = runSecurityScan([], [{ name: 'Bad Name', region: 'us-east-1', compute: 'lambda' }], {
      out: () => undefined,
      err: (t) => (badConfigErr += t),
      checkov: () => ({}) as SpawnSyncReturns<string>,
    });
    expect(badConfig).toBe(2);
    expect(badConfigErr).toMatch(/^The environment config has 1 problem/);
    expect(unsynthesized).toMatchObject({ code: 2, err: expect.stringContaining('greeter-prod: not synthesized') });
    expect(scan(['--env', 'qa'], () => ({})).err).toContain('No environment named "qa"; the environments are dev, staging, prod.');
  });

  it('runs in every pull request’s plan job, with the checkov release the stacks were scanned with', () => {
    const workflow = readFileSync(join(__dirname, '../../.github/workflows/pull-request.yml'), 'utf8');

    const step = (name: string) => workflow.indexOf(`- name: ${name}`);

    expect(workflow).toContain(`pipx install checkov==${CHECKOV_VERSION}\n          npm run scan -- --env="$ENVIRONMENT" 2>&1 | tee scan.txt`);
    // Synthesized, then scanned before any AWS credentials exist; the job fails after the plan is commented.
    expect(step('Synthesize greeter-')).toBeLessThan(step('Security scan of greeter-'));
    expect(step('Security scan of greeter-')).toBeLessThan(workflow.indexOf('aws-actions/configure-aws-credentials', workflow.indexOf('  plan:')));
    expect(workflow).toMatch(/- name: Fail the job when the security scan failed\n {8}if: steps\.scan\.outcome == 'failure'/);
  });

  it('lists in docs/security-scan.md exactly the checks it leaves out, each with what it asks and why not, as the file gives them', () => {
    const page = readFileSync(join(__dirname, '../../docs/security-scan.md'), 'utf8');
    const table = [...page.matchAll(/^\| CKV2?_AWS_\d+ \|.*\|$/gm)].map((m) => m[0]);

    expect(table.sort()).toEqual(NOT_APPLICABLE.map((c) => `| ${c.id} | ${c.asks} | ${c.why} |`).sort());
  });
});
