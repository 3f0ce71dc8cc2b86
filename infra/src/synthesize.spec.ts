import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ENVIRONMENTS } from '../environments';
import { withOwnValues } from '../test/own-values';
import { fakeArtifacts } from '../test/synth';
import { environmentsSelectedBy, synthesizeAll } from './synthesize';

describe('synthesizeAll', () => {
  const distDir = dirname(fakeArtifacts().lambdaZip.path);

  it('synthesizes one stack per environment and names each', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'greeter-synth-'));
    const lines: string[] = [];

    expect(synthesizeAll(withOwnValues(ENVIRONMENTS), { distDir, outdir, report: (l) => lines.push(l) })).toBe(0);

    expect(lines).toEqual(['greeter-dev: lambda in us-east-1', 'greeter-staging: ec2 in eu-west-1', 'greeter-prod: ec2 in us-east-1']);
    for (const name of ['greeter-dev', 'greeter-staging', 'greeter-prod']) expect(existsSync(join(outdir, 'stacks', name, 'cdk.tf.json'))).toBe(true);
  });

  it('stops before synthesizing anything on a bad config, with one plain line per problem', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'greeter-synth-'));
    const lines: string[] = [];
    const broken = [
      { ...ENVIRONMENTS[0], compute: 'fargate' },
      { ...ENVIRONMENTS[1], ec2: { minInstances: 9, maxInstances: 1 } },
    ];

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

  it('refuses the shipped examples only their owner can replace, one line each, and says what is ready meanwhile', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'greeter-synth-'));
    const problems: string[] = [];

    expect(synthesizeAll(ENVIRONMENTS, { distDir, outdir, report: () => undefined, reportProblem: (l) => problems.push(l) })).toBe(1);

    const lines = problems.join('\n').split('\n');
    expect(lines).toEqual([
      'The environment config has 6 problems:',
      expect.stringMatching(/^ {2}- environment "staging": domain\.domainName api\.staging\.greeter\.example\.com is an example name/),
      expect.stringMatching(/^ {2}- environment "staging": domain\.hostedZoneName greeter\.example\.com is an example name/),
      expect.stringMatching(
        /^ {2}- environment "staging": state\.bucket greeter-terraform-state-example-eu-west-1 is an example name: set the bucket infra\/bootstrap\/state-bucket created in eu-west-1/,
      ),
      expect.stringMatching(/^ {2}- environment "prod": domain\.domainName api\.greeter\.example\.com is an example name/),
      expect.stringMatching(/^ {2}- environment "prod": domain\.hostedZoneName greeter\.example\.com is an example name: set the Route 53 public hosted zone/),
      expect.stringMatching(/^ {2}- environment "prod": state\.bucket greeter-terraform-state-example-us-east-1 is an example name/),
      'Meanwhile, synthesize and deploy only what is ready: GREETER_ENVIRONMENTS=dev npx cdktf deploy greeter-dev',
    ]);
    expect(existsSync(join(outdir, 'stacks'))).toBe(false);
  });

  it("refuses AWS's documentation account as an environment's account", () => {
    const problems: string[] = [];

    expect(synthesizeAll([{ ...ENVIRONMENTS[0]!, accountId: '123456789012' }], { distDir, reportProblem: (l) => problems.push(l) })).toBe(1);

    expect(problems.join('\n')).toMatch(
      /environment "dev": accountId 123456789012 is AWS's documentation account: set the account this environment deploys to/,
    );
  });

  it('refuses a certificate ARN in the example account', () => {
    const problems: string[] = [];
    const [dev] = ENVIRONMENTS;
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f6a2c1e-8d1b-4c9e-9a51-3b2f7c4d5e6f';

    expect(
      synthesizeAll([{ ...dev!, domain: { domainName: 'api.greeter.test', certificateArn: arn } }], { distDir, reportProblem: (l) => problems.push(l) }),
    ).toBe(1);

    expect(problems.join('\n')).toMatch(
      /environment "dev": domain\.certificateArn names the example account 123456789012: set the ARN of your ACM certificate in us-east-1/,
    );
  });

  it('synthesizes only the environments GREETER_ENVIRONMENTS names, so one can deploy while another still has examples', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'greeter-synth-'));
    const lines: string[] = [];

    expect(synthesizeAll(ENVIRONMENTS, { distDir, outdir, only: environmentsSelectedBy(' dev, '), report: (l) => lines.push(l) })).toBe(0);

    expect(lines).toEqual(['greeter-dev: lambda in us-east-1']);
    expect(existsSync(join(outdir, 'stacks', 'greeter-prod'))).toBe(false);
    expect(environmentsSelectedBy(undefined)).toBeUndefined();
    expect(environmentsSelectedBy('')).toBeUndefined();
  });

  it('names an unknown environment in GREETER_ENVIRONMENTS', () => {
    const problems: string[] = [];

    expect(synthesizeAll(ENVIRONMENTS, { distDir, only: ['qa'], reportProblem: (l) => problems.push(l) })).toBe(1);

    expect(problems.join('\n')).toContain('GREETER_ENVIRONMENTS names "qa", which is not declared in infra/environments.ts (declared: dev, staging, prod)');
  });

  it('refuses artifacts no build manifest vouches for, in one line and before synthesizing anything', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'greeter-synth-'));
    const problems: string[] = [];

    expect(
      synthesizeAll(withOwnValues(ENVIRONMENTS), { distDir, outdir, buildCheck: {}, report: () => undefined, reportProblem: (l) => problems.push(l) }),
    ).toBe(1);

    expect(problems).toEqual([
      expect.stringMatching(/has no build-manifest\.json, so nothing says what it was built from: build it with `npx nx run greeter:build`$/),
    ]);
    expect(existsSync(join(outdir, 'stacks'))).toBe(false);
  });

  it('on a CI runner, refuses an environment whose state would stay on the runner', () => {
    const problems: string[] = [];

    expect(
      synthesizeAll(withOwnValues(ENVIRONMENTS), { distDir, requireSharedState: true, report: () => undefined, reportProblem: (l) => problems.push(l) }),
    ).toBe(1);

    expect(problems.join('\n').split('\n')).toEqual([
      'The environment config has 1 problem:',
      expect.stringMatching(/^ {2}- environment "dev" keeps its Terraform state in a local file, which a CI runner throws away .*give it a state bucket/),
    ]);
  });

  it('says to build the app first when its artifacts are missing', () => {
    const lines: string[] = [];

    expect(synthesizeAll(withOwnValues(ENVIRONMENTS), { distDir: '/nonexistent', report: (l) => lines.push(l), reportProblem: (l) => lines.push(l) })).toBe(1);

    expect(lines[0]).toMatch(/^synth failed: \/nonexistent\/greeter-lambda\.zip is missing: build the app first with `npx nx run greeter:build`/);
  });
});
