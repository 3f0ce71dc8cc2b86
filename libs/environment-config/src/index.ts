export * from './lib/environment';
export * from './lib/instance-capacity';
export { placeholderProblems } from './lib/placeholders';
export { EnvironmentConfigError, environmentSchema, trafficProblems, validateEnvironments } from './lib/validate-environments';
