import { z } from 'zod';
import { oneOf, optionalSetting, positiveNumber, section, sectionSetting, setting, wholeNumber } from './rules';

export const ARCHITECTURES = ['arm64', 'x86_64'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/**
 * How a new version reaches the `live` alias: AWS CodeDeploy's predefined
 * Lambda deployment configurations (`CodeDeployDefault.Lambda<strategy>`, the
 * names SAM's DeploymentPreference takes). A canary sends 10% of requests to
 * the new version for the minutes named, then all; a linear one adds 10% at
 * each interval. Any of them rolls back if one of the environment's alarms
 * fires or the deployment fails.
 */
export const LAMBDA_DEPLOYMENT_STRATEGIES = [
  'AllAtOnce',
  'Canary10Percent5Minutes',
  'Canary10Percent10Minutes',
  'Canary10Percent15Minutes',
  'Canary10Percent30Minutes',
  'Linear10PercentEvery1Minute',
  'Linear10PercentEvery2Minutes',
  'Linear10PercentEvery3Minutes',
  'Linear10PercentEvery10Minutes',
] as const;
export type LambdaDeploymentStrategy = (typeof LAMBDA_DEPLOYMENT_STRATEGIES)[number];

/** How long a strategy takes to move all traffic, in minutes: what a deploy waits for. */
export function deploymentStrategyMinutes(strategy: LambdaDeploymentStrategy): number {
  const canary = /^Canary10Percent(\d+)Minutes$/.exec(strategy);
  if (canary) return Number(canary[1]);
  const linear = /^Linear10PercentEvery(\d+)Minutes?$/.exec(strategy);
  // Ten steps of 10%.
  if (linear) return Number(linear[1]) * 10;
  return 0;
}

export const lambdaSettings = section({
  memoryMb: setting(wholeNumber(128, 10_240), 512, 'MB of memory, and CPU in proportion'),
  timeoutSeconds: setting(wholeNumber(1, 900), 10, 'How long one invocation may run'),
  architecture: setting(oneOf(ARCHITECTURES), 'arm64', "The function's processor architecture"),
  provisionedConcurrency: setting(wholeNumber(0, 100_000), 0, 'Execution environments kept initialised on the live alias (0: none)'),
  throttle: sectionSetting(
    {
      rateLimit: setting(positiveNumber('a number of requests per second above 0'), 100, "API Gateway's steady request rate for the stage"),
      burstLimit: setting(wholeNumber(0, 1_000_000), 200, "API Gateway's burst for the stage"),
    },
    'API Gateway throttling for the whole stage',
  ),
  deploymentStrategy: setting(
    oneOf(LAMBDA_DEPLOYMENT_STRATEGIES),
    'Canary10Percent5Minutes',
    'How a deploy moves the live alias to the new version (CodeDeploy)',
  ),
  reservedConcurrency: optionalSetting(wholeNumber(0, 100_000), "Caps concurrent executions; unset, the function shares the account's pool"),
});

export type LambdaSizing = z.output<typeof lambdaSettings>;
