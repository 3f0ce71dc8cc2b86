import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentDeclaration } from '@greeter/environment-config';
import { ENVIRONMENTS } from '../../environments';
import { runCostCli } from './cost-cli';

function run(argv: string[], declarations: EnvironmentDeclaration[] = ENVIRONMENTS) {
  const out: string[] = [];
  const err: string[] = [];
  const svgDir = mkdtempSync(join(tmpdir(), 'greeter-cost-'));
  const code = runCostCli([...argv, '--svg-dir', svgDir], declarations, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join(''), svgDir };
}

describe('npm run cost', () => {
  it('prints both totals with their line items, the break-even and a recommendation for every environment', () => {
    const { code, out } = run([]);

    expect(code).toBe(0);
    for (const name of ['greeter-dev', 'greeter-staging', 'greeter-prod']) expect(out).toContain(`${name} (`);
    // The totals shipped-environments-cost.spec.ts works out line by line.
    for (const [lambda, ec2] of [
      ['$12.46', '$109.75'],
      ['$28.30', '$138.49'],
      ['$874.61', '$616.93'],
    ]) {
      expect(out).toMatch(new RegExp(`Lambda \\+ API Gateway HTTP API\\s+\\${lambda} a month`));
      expect(out).toMatch(new RegExp(`EC2 Auto Scaling Group \\+ ALB\\s+\\${ec2} a month`));
    }
    expect(out).toContain('ALB capacity (');
    expect(out).toMatch(/break-even: about [\d,]+ requests a month/);
    expect(out).toMatch(/recommendation: (Lambda|EC2) is cheaper at/);
  });

  it('prints the change and the command that switch an environment whose other compute is cheaper, and what the switch takes', () => {
    const { out } = run([]);
    const staging = out.slice(out.indexOf('greeter-staging ('), out.indexOf('greeter-prod ('));

    // staging runs on EC2 at $138.49; Lambda would cost $28.30.
    expect(staging).toContain(
      "to switch ($110.19 a month less): set compute: 'lambda' for staging in infra/environments.ts, then npm run switch -- --env staging",
    );
    // Lambda's 3 minutes to come up, three 5-minute steps, 5 minutes for DNS: staging has a domain.
    expect(staging).toContain('it moves requests step by step while both computes run, about 23 min, no downtime (docs/compute-switch.md)');
    expect(out.slice(out.indexOf('greeter-prod ('))).not.toContain('to switch');
  });

  it('shows what one instance serves and where that figure comes from: the bench, or the environment', () => {
    const derived = run(['--env', 'staging']).out;
    const declared = run(
      [],
      [
        {
          name: 'own',
          region: 'us-east-1',
          compute: 'ec2',
          ec2: { capacityRequestsPerSecond: 250 },
          traffic: { averageRps: 1, peakRps: 2, averageDurationMs: 10, averageResponseBytes: 100 },
        },
      ],
    ).out;

    expect(derived).toMatch(
      /capacity: (\d+) req\/s per instance \(\d+ requests per CPU-second \(npm run bench, [\d-]+\) × 0\.4 CPU \(t4g\.small: 2 vCPUs at a 20% baseline\) × 0\.5 headroom = \1 req\/s\); scaling on requestCountPerTarget at \d+/,
    );
    expect(declared).toContain(
      'capacity: 250 req/s per instance (ec2.capacityRequestsPerSecond in infra/environments.ts); scaling on requestCountPerTarget at 15000',
    );
  });

  it('takes the environment as --environment (what Nx passes through) or --env', () => {
    const long = run(['--environment', 'staging']);

    expect(long.code).toBe(0);
    const withoutChartFolder = (out: string) =>
      out
        .split('\n')
        .filter((line) => !line.includes('greeter-cost-'))
        .join('\n');
    expect(withoutChartFolder(long.out)).toBe(withoutChartFolder(run(['--env', 'staging']).out));
    expect(long.out).toMatch(/^greeter-staging/);
    expect(long.out).not.toMatch(/greeter-prod/);
  });

  it('warns when the chosen compute costs over 1.25× the other at the declared traffic', () => {
    const { out } = run(['--env', 'staging']);

    expect(out).toMatch(/WARNING: staging runs on EC2, which costs \d+\.\d\d× Lambda at the declared traffic\./);
  });

  it('answers --json with the comparisons for scripts', () => {
    const { code, out } = run(['--env', 'prod', '--json']);
    const [prod] = JSON.parse(out);

    expect(code).toBe(0);
    expect(prod).toMatchObject({ environment: 'prod', chosen: 'ec2', lambda: { compute: 'lambda' }, ec2: { compute: 'ec2' } });
    expect(prod.lambda.totalUsd).toBeCloseTo(
      prod.lambda.lines.reduce((sum: number, l: { monthlyUsd: number }) => sum + l.monthlyUsd, 0),
      2,
    );
    expect(prod.breakEven.requestsPerMonth).toBeGreaterThan(0);
  });

  it('explores another rate with --rps, keeping the peak-to-average shape', () => {
    const [atDeclared] = JSON.parse(run(['--env', 'prod', '--json']).out);
    const [atTenfold] = JSON.parse(run(['--env', 'prod', '--json', '--rps', '1500']).out);

    expect(atTenfold.traffic.averageRps).toBe(1500);
    expect(atTenfold.traffic.peakRps / atTenfold.traffic.averageRps).toBeCloseTo(atDeclared.traffic.peakRps / atDeclared.traffic.averageRps, 10);
    expect(atTenfold.lambda.totalUsd).toBeGreaterThan(atDeclared.lambda.totalUsd);
  });

  it('counts Lambda’s free tier only when asked', () => {
    const [without] = JSON.parse(run(['--env', 'dev', '--json']).out);
    const [withFreeTier] = JSON.parse(run(['--env', 'dev', '--json', '--free-tier']).out);

    expect(withFreeTier.lambda.totalUsd).toBeLessThan(without.lambda.totalUsd);
    expect(withFreeTier.ec2.totalUsd).toBe(without.ec2.totalUsd);
  });

  it('writes an SVG chart per environment with the break-even and the declared traffic marked', () => {
    const { svgDir } = run(['--env', 'dev']);
    const svg = readFileSync(join(svgDir, 'greeter-dev.svg'), 'utf8');

    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('id="break-even"');
    expect(svg).toContain('id="declared-traffic"');
    expect(svg).toContain('requests per month (log scale)');
  });

  it.each([
    [['--rps=-5'], /--rps must be a number of requests per second, 0 or more \(got "-5"\)/],
    [['--rps', 'lots'], /--rps must be a number of requests per second, 0 or more \(got "lots"\)/],
    [['--env', 'qa'], /No environment named "qa"; the environments are dev, staging, prod\./],
    [['--colour'], /Unknown option '--colour'[\s\S]*Usage: npm run cost/],
  ])('refuses %p with a clear message and exit code 2', (argv, message) => {
    const { code, err } = run(argv);

    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('says how to get an estimate for an environment without declared traffic', () => {
    const { out } = run([], [{ name: 'bare', region: 'us-east-1', compute: 'lambda' }]);

    expect(out).toContain('greeter-bare: no traffic declared; add `traffic` to it in infra/environments.ts, or pass --rps');
  });

  it('names the missing price when an instance type is not in the table', () => {
    const { code, err } = run(
      [],
      [
        {
          name: 'odd',
          region: 'us-east-1',
          compute: 'ec2',
          ec2: { instanceType: 'x8g.large', capacityRequestsPerSecond: 500 },
          traffic: { averageRps: 1, peakRps: 2, averageDurationMs: 10, averageResponseBytes: 100 },
        },
      ],
    );

    expect(code).toBe(2);
    expect(err).toMatch(
      /No price for x8g\.large in us-east-1: run npm run cost:refresh-prices, which prices every region and instance type the environments name/,
    );
  });
});
