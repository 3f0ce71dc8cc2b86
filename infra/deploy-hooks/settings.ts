import type { InstanceRefreshSettings } from './instance-refresh';
import type { LambdaDeploymentSettings } from './lambda-deployment';

/** Which rollout the hook runs; the stack sets it with the rest. */
export const KIND_VARIABLE = 'GREETER_DEPLOY_KIND';

/** The provisioner's environment variables for a Lambda deployment, one per setting; the stack sets each of them. */
export const LAMBDA_VARIABLES = {
  region: 'GREETER_DEPLOY_REGION',
  application: 'GREETER_DEPLOY_APPLICATION',
  deploymentGroup: 'GREETER_DEPLOY_GROUP',
  functionName: 'GREETER_DEPLOY_FUNCTION',
  alias: 'GREETER_DEPLOY_ALIAS',
  targetVersion: 'GREETER_DEPLOY_TARGET_VERSION',
  strategyMinutes: 'GREETER_DEPLOY_STRATEGY_MINUTES',
} as const;

/** The same for an EC2 instance refresh. */
export const REFRESH_VARIABLES = {
  region: 'GREETER_DEPLOY_REGION',
  group: 'GREETER_DEPLOY_AUTOSCALING_GROUP',
  launchTemplateId: 'GREETER_DEPLOY_LAUNCH_TEMPLATE_ID',
  targetVersion: 'GREETER_DEPLOY_TARGET_VERSION',
  warmupSeconds: 'GREETER_DEPLOY_WARMUP_SECONDS',
  checkpointDelaySeconds: 'GREETER_DEPLOY_CHECKPOINT_DELAY_SECONDS',
  rollbackAlarms: 'GREETER_DEPLOY_ALARMS',
} as const;

/** Set by whoever runs `cdktf deploy`, not by the stack. */
export const NO_WAIT_VARIABLE = 'GREETER_DEPLOY_NO_WAIT';
export const POLL_SECONDS_VARIABLE = 'GREETER_DEPLOY_POLL_SECONDS';
/** For a fix that must ship while an alarm fires: the rollout is not stopped by the alarms (it still rolls back if it fails). */
export const IGNORE_ALARMS_VARIABLE = 'GREETER_DEPLOY_IGNORE_ALARMS';
const DEFAULT_POLL_SECONDS = 15;

export class SettingsError extends Error {}

export type HookSettings = { kind: 'lambda'; settings: LambdaDeploymentSettings } | { kind: 'instance-refresh'; settings: InstanceRefreshSettings };

const flag = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value !== 'false';

/** Every variable's value; each must be set, and not empty unless named in `mayBeEmpty`. */
function required<T extends Record<string, string>>(env: NodeJS.ProcessEnv, variables: T, mayBeEmpty: string[] = []): Record<keyof T, string> {
  const missing = Object.values(variables).filter((name) => env[name] === undefined || (env[name] === '' && !mayBeEmpty.includes(name)));
  if (missing.length > 0) throw new SettingsError(`missing ${missing.join(', ')}: this script is run by the stack's Terraform, which sets them`);
  return Object.fromEntries(Object.entries(variables).map(([key, name]) => [key, env[name]!])) as Record<keyof T, string>;
}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new SettingsError(`${name} must be a whole number from ${min} to ${max} (got ${text})`);
  return value;
}

/** Reads the hook's settings from the provisioner's environment, naming every missing or wrong one instead of calling AWS with it. */
export function readHookSettings(env: NodeJS.ProcessEnv): HookSettings {
  const pollSeconds = env[POLL_SECONDS_VARIABLE] ? wholeNumber(POLL_SECONDS_VARIABLE, env[POLL_SECONDS_VARIABLE]!, 1, 300) : DEFAULT_POLL_SECONDS;
  const common = { noWait: flag(env[NO_WAIT_VARIABLE]), pollSeconds };
  const ignoreAlarms = flag(env[IGNORE_ALARMS_VARIABLE]);
  const kind = env[KIND_VARIABLE];
  if (kind === 'lambda') {
    const v = required(env, LAMBDA_VARIABLES);
    wholeNumber(LAMBDA_VARIABLES.targetVersion, v.targetVersion, 1, Number.MAX_SAFE_INTEGER);
    return { kind, settings: { ...v, strategyMinutes: wholeNumber(LAMBDA_VARIABLES.strategyMinutes, v.strategyMinutes, 0, 1_000), ignoreAlarms, ...common } };
  }
  if (kind === 'instance-refresh') {
    // No alarms is a setting: an environment may have none to roll back on.
    const v = required(env, REFRESH_VARIABLES, [REFRESH_VARIABLES.rollbackAlarms]);
    wholeNumber(REFRESH_VARIABLES.targetVersion, v.targetVersion, 1, Number.MAX_SAFE_INTEGER);
    return {
      kind,
      settings: {
        ...v,
        // The bound ec2.healthCheckGracePeriodSeconds has (libs/environment-config).
        warmupSeconds: wholeNumber(REFRESH_VARIABLES.warmupSeconds, v.warmupSeconds, 0, 7_200),
        checkpointDelaySeconds: wholeNumber(REFRESH_VARIABLES.checkpointDelaySeconds, v.checkpointDelaySeconds, 0, 172_800),
        rollbackAlarms: ignoreAlarms ? [] : v.rollbackAlarms.split(',').filter(Boolean),
        ...common,
      },
    };
  }
  throw new SettingsError(
    `${KIND_VARIABLE} must be lambda or instance-refresh (got ${kind === undefined ? 'nothing' : JSON.stringify(kind)}): this script is run by the stack's Terraform, which sets it`,
  );
}
