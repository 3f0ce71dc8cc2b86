import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ENVIRONMENTS } from '../environments';
import { fakeArtifacts } from '../test/synth';
import { synthesizeAll } from './synthesize';

describe('synthesizeAll', () => {
  const distDir = dirname(fakeArtifacts().lambdaZip.path);

  it('synthesizes one stack per environment and names each', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'greeter-synth-'));
    const lines: string[] = [];

    expect(synthesizeAll(ENVIRONMENTS, { distDir, outdir, report: (l) => lines.push(l) })).toBe(0);

    expect(lines).toEqual(['greeter-dev: lambda in us-east-1', 'greeter-staging: ec2 in eu-west-1', 'greeter-prod: ec2 in us-east-1']);
    for (const name of ['greeter-dev', 'greeter-staging', 'greeter-prod']) expect(existsSync(join(outdir, 'stacks', name, 'cdk.tf.json'))).toBe(true);
  });

  it('stops before synthesizing anything on a bad config, with one plain line per problem', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'greeter-synth-'));
    const lines: string[] = [];
    const broken = [{ ...ENVIRONMENTS[0], compute: 'fargate' }, { ...ENVIRONMENTS[1], ec2: { minInstances: 9, maxInstances: 1 } }];

    expect(synthesizeAll(broken, { distDir, outdir, report: (l) => lines.push(l), reportProblem: (l) => lines.push(l) })).toBe(1);

    expect(lines.join('\n')).toBe(
      [
        'The environment config has 2 problems:',
        '  - environment "dev": compute must be one of lambda, ec2 (got "fargate")',
        '  - environment "staging": ec2.minInstances (9) must not exceed ec2.maxInstances (1)',
      ].join('\n'),
    );
    expect(existsSync(join(outdir, 'stacks'))).toBe(false);
  });

  it('says to build the app first when its artifacts are missing', () => {
    const lines: string[] = [];

    expect(synthesizeAll(ENVIRONMENTS, { distDir: '/nonexistent', report: (l) => lines.push(l), reportProblem: (l) => lines.push(l) })).toBe(1);

    expect(lines[0]).toMatch(/^synth failed: \/nonexistent\/greeter-lambda\.zip is missing: build the app first with `npx nx run greeter:build`/);
  });
});
