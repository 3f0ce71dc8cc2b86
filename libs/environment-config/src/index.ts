export * from './lib/environment';
export { architectureOfInstanceType, EnvironmentConfigError, LOG_RETENTION_DAYS, validateEnvironments } from './lib/validate-environments';
