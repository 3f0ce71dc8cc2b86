export * from './lib/environment';
export * from './lib/instance-capacity';
export { placeholderProblems } from './lib/placeholders';
export {
  architectureOfInstanceType,
  EnvironmentConfigError,
  LOG_RETENTION_DAYS,
  MAX_ENVIRONMENT_NAME_LENGTH,
  SCALING_CAPACITY_TOLERANCE,
  trafficProblems,
  validateEnvironments,
} from './lib/validate-environments';
