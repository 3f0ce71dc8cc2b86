export * from './lib/environment';
export { architectureOfInstanceType, EnvironmentConfigError, LOG_RETENTION_DAYS, trafficProblems, validateEnvironments } from './lib/validate-environments';
