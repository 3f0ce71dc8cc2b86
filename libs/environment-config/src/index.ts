export * from './lib/environment';
export * from './lib/instance-capacity';
export { placeholderProblems } from './lib/placeholders';
export {
  architectureOfInstanceType,
  AWS_REGION_NAME,
  EnvironmentConfigError,
  LOG_RETENTION_DAYS,
  MAX_ENVIRONMENT_NAME_LENGTH,
  SCALING_CAPACITY_TOLERANCE,
  trafficProblems,
  validateEnvironments,
} from './lib/validate-environments';
