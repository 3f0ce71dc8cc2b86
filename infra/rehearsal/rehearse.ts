import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateHostedZoneCommand } from '@aws-sdk/client-route-53';
import { type Compute, type EnvironmentDeclaration, validateEnvironments } from '@greeter/environment-config';
import { ENVIRONMENTS } from '../environments';
import { DEFAULT_DIST_DIR, readGreeterArtifacts } from '../src/artifacts';
import type { StackShape } from '../src/compute/stack-shape';
import { synthesizeAll } from '../src/synthesize';
import { requireTerraform, terraformEnv } from './terraform-cli';
import { emulatorClients } from './aws-clients';
import type { CheckResult } from './checks';
import { changedArtifacts } from './code-change';
import { type CallSeen, findMotoPython, MOTO_MISSING, type RetryAnsweredOnce, startEmulator } from './emulator';
import { BOOTSTRAP_KEY, deployKey } from './emulator-override';
import { checkDeployCalls } from './deploy-calls-seen';
import { EMULATOR_GAPS } from './emulator-gaps';
import { withOwnValues } from '../test/own-values';
import { applyBootstrap } from './bootstrap';
import { rehearseEnvironment, type Synth } from './rehearse-environment';
import { StackWorkspace, stopAllTerraform } from './stack-workspace';

/** The whole rehearsal's bound: past it, every Terraform process and the emulator are stopped and it fails. */
const TIME_LIMIT_MS = 15 * 60_000;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (line: string) => process.stdout.write(`${line}\n`);

const USAGE = `Usage: npx nx run infra:rehearse [--args="--environments=dev,staging --keep"]
Applies the github-oidc bootstrap, then deploys every environment (or the ones named) to a local AWS emulator (moto), reads it back, redeploys a code change,
switches dev's compute there and back with npm run switch, and destroys, as docs/rehearsal.md describes.
  --environments  comma-separated environment names (default: all in infra/environments.ts)
  --keep          keep the work folder (stacks, state, Terraform logs) for a look afterwards`;

function synthesize(
  declarations: EnvironmentDeclaration[],
  distDir: string,
  outdir: string,
  localStateDir: string,
  shapes?: Record<string, StackShape>,
): Synth {
  const problems: string[] = [];
  const code = synthesizeAll(declarations, { distDir, outdir, localStateDir, shapes, report: () => undefined, reportProblem: (line) => problems.push(line) });
  if (code !== 0) throw new Error(`synth failed:\n${problems.join('\n')}`);
  return { stacksDir: join(outdir, 'stacks'), artifacts: readGreeterArtifacts(distDir), environments: validateEnvironments(declarations) };
}

// dev switches compute and back, which is rehearsed the way it matters: with a domain that must keep answering.
const SWITCHING = 'dev';
const withDomain = (declaration: EnvironmentDeclaration): EnvironmentDeclaration =>
  declaration.name === SWITCHING && !declaration.domain
    ? { ...declaration, domain: { domainName: `api.${declaration.name}.greeter.test`, hostedZoneName: `${declaration.name}.greeter.test` } }
    : declaration;
const lifted = (declaration: EnvironmentDeclaration): EnvironmentDeclaration => ({
  ...declaration,
  ec2: { ...declaration.ec2, enableDeletionProtection: false, emptyBucketsOnDestroy: true },
});

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { environments: { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return (say(USAGE), 0);
  const { python, tried } = findMotoPython();
  if (!python) {
    process.stderr.write(
      `${MOTO_MISSING}\n(none of these Pythons imports moto: ${tried.join(', ') || 'no python3 on PATH'}; GREETER_MOTO_PYTHON names another)\n`,
    );
    if (process.env['CI'] === 'true') return 1;
    say('rehearsal: skipped (no emulator); under CI=true this fails');
    return 0;
  }
  requireTerraform();

  const only = values.environments
    ?.split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const all = withOwnValues(ENVIRONMENTS).map(withDomain);
  const unknown = (only ?? []).filter((n) => !all.some((e) => e.name === n));
  if (unknown.length > 0)
    throw new Error(`--environments names ${unknown.join(', ')}, not declared in infra/environments.ts (declared: ${all.map((e) => e.name).join(', ')})`);
  const declarations = all.filter((e) => !only || only.includes(e.name));

  const work = mkdtempSync(join(tmpdir(), 'greeter-rehearsal-'));
  const state = join(work, 'local-state');
  say(`rehearsal: ${declarations.map((e) => `${e.name} (${e.compute})`).join(', ')}; work folder ${work}`);
  const first = synthesize(declarations, DEFAULT_DIST_DIR, join(work, 'synth-first'), state);
  const changedDist = changedArtifacts(DEFAULT_DIST_DIR, join(work, 'dist-changed'));
  const codeChange = synthesize(declarations, changedDist, join(work, 'synth-code-change'), state);
  // dev also switches to the other compute and back; protected environments are lifted before teardown.
  const switching = declarations.find((e) => e.name === SWITCHING);
  let switchSynths = 0;
  const synthSwitch = (compute: Compute, shape: StackShape) =>
    synthesize([{ ...switching!, compute }], changedDist, join(work, `synth-switch-${++switchSynths}`), state, { [SWITCHING]: shape });
  const protectedOnes = first.environments.filter((e) => e.compute === 'ec2' && e.ec2.enableDeletionProtection).map((e) => e.name);
  const liftedDecls = declarations.filter((e) => protectedOnes.includes(e.name)).map(lifted);
  const protectionsLifted = liftedDecls.length ? synthesize(liftedDecls, changedDist, join(work, 'synth-lifted'), state) : undefined;
  say(
    `[${elapsed()}] synthesized ${declarations.length} environment(s), a code change${protectionsLifted ? `, ${protectedOnes.join(', ')} with protections lifted` : ''}`,
  );

  const emulator = await startEmulator(python, (line) => say(`[${elapsed()}] ${line}`));
  const results: CheckResult[] = [];
  let retried: RetryAnsweredOnce[] | Error = [];
  let calls: CallSeen[] | Error = [];
  const overtime = setTimeout(() => {
    say(`rehearsal: still running after ${TIME_LIMIT_MS / 60_000} minutes; stopping Terraform and the emulator`);
    stopAllTerraform();
    void emulator.stop().finally(() => {
      say('rehearsal: 0 passed, 1 failed');
      process.exit(1);
    });
  }, TIME_LIMIT_MS);
  try {
    const tfEnv = terraformEnv(work);
    // What the user's account already has: the public zone each domain names.
    const zoneIds: Record<string, string> = {};
    for (const environment of first.environments) {
      const zoneName = environment.domain?.hostedZoneName;
      if (!zoneName) continue;
      const aws = emulatorClients(emulator.endpoint, environment.region);
      const zone = await aws.route53.send(new CreateHostedZoneCommand({ Name: zoneName, CallerReference: `rehearsal-${environment.name}` }));
      zoneIds[environment.name] = String(zone.HostedZone?.Id).replace('/hostedzone/', '');
    }
    // What the user runs once per account before the first deploy.
    const bootstrapCheck = (claim: string, holds: boolean, seen?: unknown) => {
      results.push({ environment: 'bootstrap', claim, holds, ...(holds ? {} : { seen: String(seen ?? '') }) });
      if (!holds) say(`[${elapsed()}] bootstrap: ✗ ${claim}`);
    };
    await applyBootstrap(
      new StackWorkspace(join(work, 'deploy', 'bootstrap'), emulator.endpoint, BOOTSTRAP_KEY, tfEnv, (line) => say(`[${elapsed()}] bootstrap: ${line}`)),
      emulatorClients(emulator.endpoint, 'us-east-1').iam,
      first.environments,
      zoneIds,
      bootstrapCheck,
    ).catch((error: Error) => bootstrapCheck('the github-oidc bootstrap applies on the emulator', false, error.message));
    await Promise.all(
      first.environments.map(async (environment) => {
        const aws = emulatorClients(emulator.endpoint, environment.region);
        const progress = (line: string) => say(`[${elapsed()}] ${environment.name}: ${line}`);
        const check = (claim: string, holds: boolean, seen?: unknown) => {
          results.push({ environment: environment.name, claim, holds, ...(holds ? {} : { seen: String(seen ?? '') }) });
          if (!holds) progress(`✗ ${claim}${seen ? ` (seen: ${String(seen).slice(0, 500)})` : ''}`);
        };
        try {
          await rehearseEnvironment({
            environment,
            workspace: new StackWorkspace(join(work, 'deploy', environment.name), emulator.endpoint, deployKey(environment.name), tfEnv, progress),
            aws,
            first,
            codeChange,
            computeSwitch:
              switching && environment.name === SWITCHING
                ? { synth: synthSwitch, deployAws: emulatorClients(emulator.endpoint, environment.region, deployKey(environment.name)) }
                : undefined,
            protectionsLifted: protectedOnes.includes(environment.name) ? protectionsLifted : undefined,
            // An unprotected EC2 environment (staging) also rehearses a rollback; prod is the longest already.
            rehearseEc2Rollback: environment.compute === 'ec2' && !protectedOnes.includes(environment.name),
            check,
            progress,
          });
        } catch (error) {
          check('the rehearsal ran to its end', false, (error as Error).message);
        }
      }),
    );
  } finally {
    clearTimeout(overtime);
    retried = await emulator.retriesAnsweredOnce().catch((error: Error) => error);
    calls = await emulator.callsSeen().catch((error: Error) => error);
    if (values.keep && !(calls instanceof Error)) writeFileSync(join(work, 'calls-seen.json'), JSON.stringify(calls, null, 1));
    await emulator.stop();
    if (!values.keep) rmSync(work, { recursive: true, force: true });
  }

  const deployCallsCheck = (claim: string, holds: boolean, seen?: unknown) =>
    results.push({ environment: 'deploy roles', claim, holds, ...(holds ? {} : { seen: String(seen ?? '') }) });
  if (calls instanceof Error) deployCallsCheck('the emulator says which calls the deploys made', false, calls.message);
  else
    checkDeployCalls(
      calls,
      first.environments.map((e) => e.name),
      deployCallsCheck,
    );

  say('');
  for (const [name, heading] of [
    ['bootstrap', 'bootstrap (infra/bootstrap/github-oidc)'],
    ['deploy roles', 'deploy roles (infra/security/deploy-calls.ts)'],
    ...first.environments.map((e) => [e.name, `${e.name} (${e.compute})`]),
  ] as const) {
    say(`${heading}:`);
    for (const r of results.filter((x) => x.environment === name))
      say(`  ${r.holds ? '✓' : '✗'} ${r.claim}${r.holds ? '' : `\n      seen: ${r.seen?.slice(0, 1000)}`}`);
  }
  say(
    `\nEmulator gaps (moto 5.2.1, docs/rehearsal.md, "Emulator gaps"): ${EMULATOR_GAPS.map((g) => `${g.resourceType} ${g.attributes.join('/') || '(not a re-plan attribute)'}`).join('; ')}`,
  );
  const answeredOnce =
    retried instanceof Error
      ? `could not be read from the emulator (${retried.message})`
      : retried.map((r) => `${r.call} (${r.attempt.split(';')[0]})`).join(', ') || 'none';
  say(`Retried calls answered with their first attempt's answer (docs/rehearsal.md, "Emulator gaps"): ${answeredOnce}`);
  const failed = results.filter((r) => !r.holds).length;
  say(`rehearsal took ${elapsed()}${values.keep ? `; work folder kept: ${work}` : ''}`);
  say(`rehearsal: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 && results.length > 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`rehearsal failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
