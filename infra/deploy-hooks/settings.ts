import type { LambdaDeploymentSettings } from './lambda-deployment';

/** The provisioner's environment variables, one per setting; the stack sets each of them. */
export const SETTING_VARIABLES = {
  region: 'GREETER_DEPLOY_REGION',
  application: 'GREETER_DEPLOY_APPLICATION',
  deploymentGroup: 'GREETER_DEPLOY_GROUP',
  functionName: 'GREETER_DEPLOY_FUNCTION',
  alias: 'GREETER_DEPLOY_ALIAS',
  targetVersion: 'GREETER_DEPLOY_TARGET_VERSION',
  strategyMinutes: 'GREETER_DEPLOY_STRATEGY_MINUTES',
} as const;

/** Set by whoever runs `cdktf deploy`, not by the stack. */
export const NO_WAIT_VARIABLE = 'GREETER_DEPLOY_NO_WAIT';
export const POLL_SECONDS_VARIABLE = 'GREETER_DEPLOY_POLL_SECONDS';
const DEFAULT_POLL_SECONDS = 15;

export class SettingsError extends Error {}

export function readDeploymentSettings(env: NodeJS.ProcessEnv): LambdaDeploymentSettings {
  const missing = Object.values(SETTING_VARIABLES).filter((name) => !env[name]);
  if (missing.length > 0) throw new SettingsError(`missing ${missing.join(', ')}: this script is run by the stack's Terraform, which sets them`);
  const text = (key: keyof typeof SETTING_VARIABLES) => env[SETTING_VARIABLES[key]]!;
  const strategyMinutes = Number(text('strategyMinutes'));
  const pollSeconds = env[POLL_SECONDS_VARIABLE] ? Number(env[POLL_SECONDS_VARIABLE]) : DEFAULT_POLL_SECONDS;
  if (!/^\d+$/.test(text('targetVersion'))) throw new SettingsError(`${SETTING_VARIABLES.targetVersion} must be a published version number (got ${text('targetVersion')})`);
  if (!Number.isInteger(strategyMinutes) || strategyMinutes < 0) throw new SettingsError(`${SETTING_VARIABLES.strategyMinutes} must be a whole number of minutes`);
  if (!(pollSeconds >= 1 && pollSeconds <= 300)) throw new SettingsError(`${POLL_SECONDS_VARIABLE} must be from 1 to 300 seconds`);
  const noWait = env[NO_WAIT_VARIABLE];
  return {
    region: text('region'),
    application: text('application'),
    deploymentGroup: text('deploymentGroup'),
    functionName: text('functionName'),
    alias: text('alias'),
    targetVersion: text('targetVersion'),
    strategyMinutes,
    noWait: noWait !== undefined && noWait !== '' && noWait !== '0' && noWait !== 'false',
    pollSeconds,
  };
}
