export * from './lib/environment';
export { placeholderProblems } from './lib/placeholders';
export {
  architectureOfInstanceType,
  EnvironmentConfigError,
  LOG_RETENTION_DAYS,
  MAX_ENVIRONMENT_NAME_LENGTH,
  trafficProblems,
  validateEnvironments,
} from './lib/validate-environments';
