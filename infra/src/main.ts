import { EnvironmentConfigError, validateEnvironments } from '@greeter/environment-config';
import { App } from 'cdktf';
import { ENVIRONMENTS } from '../environments';
import { readGreeterArtifacts } from './artifacts';
import { GreeterStack } from './greeter-stack';

// `cdktf synth` / `cdktf deploy greeter-<env>` run this: validate every environment first, then one stack each.
try {
  const environments = validateEnvironments(ENVIRONMENTS);
  const artifacts = readGreeterArtifacts();
  const app = new App();
  for (const environment of environments) new GreeterStack(app, { environment, artifacts });
  app.synth();
} catch (error) {
  process.stderr.write(`${error instanceof EnvironmentConfigError ? error.message : `synth failed: ${(error as Error).message}`}\n`);
  process.exit(1);
}
