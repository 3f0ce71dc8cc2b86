import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '@greeter/environment-config';
import { type GreeterArtifacts } from '../src/artifacts';
import { stackName } from '../src/greeter-stack';
import type { EmulatorClients } from './aws-clients';
import { checkEc2, checkEc2Redeploy, groupLaunchTemplateVersion } from './check-ec2';
import { LAMBDA_ERRORS_ALARM_ID, TARGET_5XX_ALARM_ID } from '../src/operations/golden-signals';
import { checkLambda } from './check-lambda';
import { checkDeliveredByCodeDeploy, liveVersion } from './check-lambda-delivery';
import { checkRolesBounded } from './bootstrap';
import { checkOperations, setAlarm } from './check-operations';
import type { Check } from './checks';
import { planDrift } from './emulator-gaps';
import { rehearseComputeSwitch, type SwitchRehearsal } from './rehearse-switch';
import { probeResources, type StateResource } from './resource-probes';
import { type StackWorkspace, terraformFailure } from './stack-workspace';

/** One synth of every environment the rehearsal deploys: its stacks folder and the artifacts it was built from. */
export interface Synth {
  stacksDir: string;
  artifacts: GreeterArtifacts;
  environments: Environment[];
}

export interface EnvironmentRehearsal {
  environment: Environment;
  workspace: StackWorkspace;
  aws: EmulatorClients;
  first: Synth;
  codeChange: Synth;
  /** Switch to the other compute and back (rehearse-switch.ts). */
  computeSwitch?: SwitchRehearsal;
  /** For a protected environment: its protections lifted the way docs/rehearsal.md says. */
  protectionsLifted?: Synth;
  /** On EC2, also rehearse a refresh that an alarm rolls back (two more deploys). */
  rehearseEc2Rollback?: boolean;
  check: Check;
  progress: (line: string) => void;
}

const envIn = (synth: Synth, name: string) => synth.environments.find((e) => e.name === name)!;

function declaredAddresses(stackDir: string): string[] {
  const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  return Object.entries<Record<string, unknown>>(stack.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

async function deploy(r: EnvironmentRehearsal, synth: Synth, what: string): Promise<StateResource[]> {
  const stackDir = join(synth.stacksDir, stackName(r.environment));
  r.workspace.load(stackDir);
  await r.workspace.apply();
  const state = await r.workspace.state();
  const inState = new Set(state.map((resource) => resource.address));
  const declared = declaredAddresses(stackDir);
  const notApplied = declared.filter((address) => !inState.has(address));
  r.check(`${what}: applied all ${declared.length} declared resources`, notApplied.length === 0, notApplied.join(', '));
  const missing = await probeResources(r.aws, state);
  r.check(`${what}: every one of them exists on the emulator (read back with the AWS SDK)`, missing.length === 0, missing.join(', '));
  r.progress(`${what}: applied ${state.length} resources`);
  return state;
}

async function checkCompute(r: EnvironmentRehearsal, synth: Synth, state: StateResource[]) {
  const env = envIn(synth, r.environment.name);
  await checkOperations(r.aws, state, r.check);
  if (env.compute === 'lambda') return { lambda: await checkLambda(r.aws, env, synth.artifacts.lambdaZip, r.check) };
  return { ec2: await checkEc2(r.aws, env, synth.artifacts.serverBundle, state, r.check) };
}

async function checkReplanIsEmpty(r: EnvironmentRehearsal, what: string): Promise<void> {
  const { explained, unexplained } = planDrift(await r.workspace.plan());
  r.check(
    `${what}: a re-plan right after apply changes nothing beyond the emulator's known gaps${explained.length ? ` (${explained.map((d) => `${d.address}: ${d.attributes.join(', ')}`).join('; ')})` : ''}`,
    unexplained.length === 0,
    unexplained.map((d) => `${d.address} ${d.actions.join('/')} ${d.attributes.join(', ')}`).join('; '),
  );
}

async function destroyAndCheckNothingLeft(r: EnvironmentRehearsal, what: string): Promise<void> {
  const state = await r.workspace.state();
  await r.workspace.destroy();
  const left = await probeResources(r.aws, state, true);
  r.check(`${what}: destroy leaves nothing behind (all ${state.length} resources gone)`, left.length === 0, left.join(', '));
  r.progress(`${what}: destroyed`);
}

/** What a rollback rehearsal trips and watches, for one compute. */
interface RollbackScenario {
  alarmId: string;
  /** What is live now: the alias's version, or the group's launch template version. */
  live: () => Promise<string>;
  /** How the failed deploy must say it was rolled back. */
  refusal: RegExp;
  claims: { rolledBack: string; stays: (version: string) => string; delivered: (version: string) => string };
}

/**
 * A release deployed while one of the environment's alarms fires: the rollout
 * (CodeDeploy, or the instance refresh) rolls it back, the deploy fails saying
 * so, and what is live stays. Once the alarm is OK, the next deploy delivers
 * the release. Returns the version delivered.
 */
async function rehearseRollback(r: EnvironmentRehearsal, scenario: RollbackScenario): Promise<string> {
  const env = envIn(r.first, r.environment.name);
  const before = await scenario.live();
  await setAlarm(r.aws, env, scenario.alarmId, 'ALARM');
  r.workspace.load(join(r.first.stacksDir, stackName(env)));
  const failure = await terraformFailure(r.workspace.apply());
  const stays = await scenario.live();
  r.check(scenario.claims.rolledBack, scenario.refusal.test(failure), failure.slice(-600));
  r.check(scenario.claims.stays(before), stays === before, stays);

  await setAlarm(r.aws, env, scenario.alarmId, 'OK');
  await r.workspace.apply();
  const now = await scenario.live();
  r.check(scenario.claims.delivered(now), Number(now) > Number(before), now);
  r.progress(`rollback rehearsed: ${before} stayed, then ${now} was delivered`);
  return now;
}

const lambdaRollback = (r: EnvironmentRehearsal): RollbackScenario => ({
  alarmId: LAMBDA_ERRORS_ALARM_ID,
  live: () => liveVersion(r.aws, r.environment),
  refusal: /deployment \S+ stopped: .*lambda-errors.*stays on version/s,
  claims: {
    rolledBack: 'a release deployed while the errors alarm fires is stopped and rolled back by CodeDeploy, and the deploy fails saying so',
    stays: (version) => `after the rollback the live alias stays on version ${version}`,
    delivered: (version) => `with the alarm OK again, the next deploy delivers the new version (${version})`,
  },
});

const ec2Rollback = (r: EnvironmentRehearsal, groupName: string): RollbackScenario => ({
  alarmId: TARGET_5XX_ALARM_ID,
  live: () => groupLaunchTemplateVersion(r.aws, groupName),
  refusal: /instance refresh \S+ ended RollbackSuccessful: .*target-5xx.*stays on launch template version/s,
  claims: {
    rolledBack: 'a release rolled out while the 5xx alarm fires is rolled back by the instance refresh, and the deploy fails saying so',
    stays: (version) => `after the rollback the group stays on launch template version ${version} (the previous AMI and build)`,
    delivered: (version) => `with the alarm OK again, the next deploy rolls the release out (launch template version ${version})`,
  },
});

/**
 * One environment, end to end: deploy, read back, re-plan; deploy a code
 * change; switch compute and back (when asked); destroy, or for a protected
 * environment, be refused, lift the protections, and destroy.
 */
export async function rehearseEnvironment(r: EnvironmentRehearsal): Promise<void> {
  const name = r.environment.name;
  let state = await deploy(r, r.first, 'first deploy');
  await checkRolesBounded(r.aws, r.environment, state, r.check);
  const first = await checkCompute(r, r.first, state);
  await checkReplanIsEmpty(r, 'first deploy');

  state = await deploy(r, r.codeChange, 'code change');
  const changed = await checkCompute(r, r.codeChange, state);
  if (first.lambda && changed.lambda) {
    r.check(
      `code change: a new version (${changed.lambda.version}) is published and the live alias moved to it`,
      Number(changed.lambda.version) > Number(first.lambda.version),
      changed.lambda.version,
    );
    await checkDeliveredByCodeDeploy(r.aws, envIn(r.codeChange, name), changed.lambda.version, r.check);
    const delivered = await rehearseRollback(r, lambdaRollback(r));
    await checkDeliveredByCodeDeploy(r.aws, r.environment, delivered, r.check);
  }
  if (first.ec2 && changed.ec2) {
    await checkEc2Redeploy(r.aws, r.environment, first.ec2, changed.ec2, readFileSync(r.first.artifacts.serverBundle.path), r.check);
    if (r.rehearseEc2Rollback) await rehearseRollback(r, ec2Rollback(r, changed.ec2.groupName));
  }

  if (r.computeSwitch) state = await rehearseComputeSwitch(r, r.computeSwitch);

  if (r.protectionsLifted) {
    const refusal = await terraformFailure(r.workspace.destroy());
    r.check('destroy is refused while deletion protection is on (prevent_destroy: nothing is deleted)', /prevent_destroy/.test(refusal), refusal.slice(0, 300));
    const stillThere = await probeResources(r.aws, state);
    r.check(`after the refused destroy all ${state.length} resources still exist`, stillThere.length === 0, stillThere.join(', '));
    await deploy(r, r.protectionsLifted, 'protections lifted');
  }
  await destroyAndCheckNothingLeft(r, r.protectionsLifted ? 'after lifting the protections' : 'teardown');
}
