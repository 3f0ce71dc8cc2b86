// Run by Terraform (a local-exec provisioner of the Lambda stacks) whenever a
// deploy publishes a new version: moves the `live` alias to it through the
// environment's CodeDeploy deployment group and waits for the outcome. Bundled
// with its AWS SDK clients at synth, so the synthesized stack needs only `node`.
// Its settings come from the provisioner's environment; the AWS credentials and
// endpoints from the same environment Terraform itself runs in.
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { DeploymentFailed, deployLambdaVersion, type LambdaDeploymentSettings } from './lambda-deployment';
import { readDeploymentSettings, SettingsError } from './settings';

const say = (line: string) => process.stdout.write(`greeter deploy: ${line}\n`);

async function main(): Promise<void> {
  const settings: LambdaDeploymentSettings = readDeploymentSettings(process.env);
  const clients = { codeDeploy: new CodeDeployClient({ region: settings.region }), lambda: new LambdaClient({ region: settings.region }) };
  await deployLambdaVersion(clients, settings, { print: say, sleep: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)) });
}

main().catch((error: unknown) => {
  const known = error instanceof DeploymentFailed || error instanceof SettingsError;
  const message = error instanceof Error ? `${known ? '' : `${error.name}: `}${error.message}` : String(error);
  process.stderr.write(`greeter deploy: ${message}\n`);
  process.exit(1);
});
