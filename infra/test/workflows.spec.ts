import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

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
      expect(w.yaml.permissions?.['id-token'] === 'write').toBe(w.file === 'deploy-environment.yml');
    }
    const roles = steps(byFile('pull-request.yml'))
      .concat(steps(byFile('deploy-environment.yml')))
      .filter((s) => String(s.uses).startsWith('aws-actions/'));
    expect(roles.map((s) => s.with['role-to-assume'])).toEqual(['${{ vars.GREETER_PLAN_ROLE_ARN }}', '${{ vars.GREETER_DEPLOY_ROLE_ARN }}']);
  });

  it('deploy one build, named by its source hash, to dev, then staging, then prod, each in its own GitHub environment', () => {
    const { jobs } = byFile('deploy.yml').yaml;

    expect(jobs.staging.needs).toContain('dev');
    expect(jobs.prod.needs).toContain('staging');
    for (const env of ['dev', 'staging', 'prod']) {
      expect(jobs[env]).toMatchObject({
        uses: './.github/workflows/deploy-environment.yml',
        with: { environment: env, 'source-hash': '${{ needs.build.outputs.source-hash }}' },
      });
    }
    const deploy = byFile('deploy-environment.yml').yaml.jobs.deploy;
    expect(deploy.environment.name).toBe('${{ inputs.environment }}');
    const deployStep = deploy.steps.find((s: any) => s.id === 'deploy');
    expect(deployStep.env).toMatchObject({
      GREETER_ARTIFACT_SOURCE_HASH: '${{ inputs.source-hash }}',
      GREETER_ARTIFACTS_DIR: expect.stringContaining('/build'),
    });
    // The build is uploaded under its source hash and downloaded by that name: the one build, and no other.
    const upload = byFile('deploy.yml').yaml.jobs.build.steps.find((s: any) => String(s.uses).startsWith('actions/upload-artifact@'));
    const download = deploy.steps.find((s: any) => String(s.uses).startsWith('actions/download-artifact@'));
    expect([upload.with.name, download.with.name]).toEqual(['greeter-${{ steps.build.outputs.source-hash }}', 'greeter-${{ inputs.source-hash }}']);
    expect(byFile('deploy.yml').yaml.jobs.build.outputs['source-hash']).toBe('${{ steps.build.outputs.source-hash }}');
    expect(deploy.steps.map((s: any) => s.name ?? s.uses).slice(-2)).toEqual(['Deploy the published build', expect.stringMatching(/^Smoke test/)]);
    // Room for the slowest rollout the hook waits for (Linear10PercentEvery10Minutes: 100 minutes, plus 10), in the job and in the role's session.
    expect(deploy['timeout-minutes']).toBeGreaterThanOrEqual(130);
    expect(Number(deploy.steps.find((s: any) => String(s.uses).startsWith('aws-actions/')).with['role-duration-seconds'])).toBeGreaterThanOrEqual(130 * 60);
  });

  it('give every job a time limit', () => {
    for (const w of workflows) {
      for (const [name, job] of Object.entries<any>(w.yaml.jobs))
        if (!job.uses) expect([w.file, name, typeof job['timeout-minutes']]).toEqual([w.file, name, 'number']);
    }
  });
});
