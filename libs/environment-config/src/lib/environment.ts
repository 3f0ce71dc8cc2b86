/**
 * The environment model: each setting is declared once, under settings/ (type, default, allowed range,
 * description); the types here are inferred from those declarations, and the resolved Environment from
 * resolve-environment.ts. docs/configuration.md is generated from the same declarations.
 */
import { alarmSettings } from './settings/alarms';
import { ec2Settings } from './settings/ec2';
import { environmentSettings } from './settings/environment';
import { lambdaSettings } from './settings/lambda';

export type { AlarmSettings } from './settings/alarms';
export { type DomainConfig } from './settings/domain';
export { architectureOfInstanceType, SCALING_METRICS, type ScalingMetric } from './settings/ec2';
export {
  AWS_REGION_NAME,
  COMPUTES,
  type Compute,
  type DeclaredEnvironment,
  type EnvironmentDeclaration,
  MAX_ENVIRONMENT_NAME_LENGTH,
  otherCompute,
  type StateConfig,
} from './settings/environment';
export {
  ARCHITECTURES,
  type Architecture,
  deploymentStrategyMinutes,
  LAMBDA_DEPLOYMENT_STRATEGIES,
  type LambdaDeploymentStrategy,
  type LambdaSizing,
} from './settings/lambda';
export { LOG_RETENTION_DAYS } from './settings/log-retention';
export { HOURS_PER_MONTH, resolveTraffic, SECONDS_PER_MONTH, type Traffic, type TrafficDeclaration } from './settings/traffic';
export { defaultScalingTarget, type Ec2Sizing, type Environment, requestsPerInstanceAtTarget } from './resolve-environment';
export { HEALTH_CHECK_TIMEOUT_SECONDS, SCALING_CAPACITY_TOLERANCE } from './cross-field-rules';

/** The defaults, read off the declarations (for code that sizes or prices without an environment). */
export const LAMBDA_DEFAULTS = lambdaSettings.parse({});
export const EC2_DEFAULTS = ec2Settings.parse({});
export const ALARM_DEFAULTS = alarmSettings.parse(undefined);
export const LOG_RETENTION_DEFAULT_DAYS = environmentSettings.shape.logRetentionDays.parse(undefined);
