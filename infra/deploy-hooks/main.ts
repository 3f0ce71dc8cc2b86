// Run by Terraform (a local-exec provisioner) whenever a deploy gives the compute
// something new to roll out: a Lambda version (CodeDeploy moves the `live` alias)
// or a launch template version (an instance refresh). It starts the rollout, says
// how to follow it, waits for the outcome and fails the deploy on a rollback.
// Bundled with its AWS SDK clients at synth, so the synthesized stack needs only
// `node`. Its settings come from the provisioner's environment; the AWS
// credentials and endpoints from the same environment Terraform itself runs in.
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RefreshFailed, refreshInstances } from './instance-refresh';
import { DeploymentFailed, deployLambdaVersion } from './lambda-deployment';
import { readHookSettings, SettingsError } from './settings';

const print = (line: string) => process.stdout.write(`greeter deploy: ${line}\n`);
const sleep = (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000));

async function main(): Promise<void> {
  const hook = readHookSettings(process.env);
  const { region } = hook.settings;
  if (hook.kind === 'lambda') {
    await deployLambdaVersion({ codeDeploy: new CodeDeployClient({ region }), lambda: new LambdaClient({ region }) }, hook.settings, { print, sleep });
  } else {
    await refreshInstances(hook.settings, { autoscaling: new AutoScalingClient({ region }), print, sleep });
  }
}

main().catch((error: unknown) => {
  const known = error instanceof DeploymentFailed || error instanceof RefreshFailed || error instanceof SettingsError;
  const message = error instanceof Error ? `${known ? '' : `${error.name}: `}${error.message}` : String(error);
  process.stderr.write(`greeter deploy: ${message}\n`);
  process.exit(1);
});
