import { BatchGetDeploymentsCommand, ListDeploymentsCommand } from '@aws-sdk/client-codedeploy';
import { GetAliasCommand } from '@aws-sdk/client-lambda';
import type { Environment } from '@greeter/environment-config';
import { isDeploymentTo } from '../deploy-hooks/lambda-deployment';
import { codeDeployConfigName } from '../src/constructs/lambda-progressive-delivery';
import { LIVE_ALIAS } from '../src/constructs/lambda-http-api';
import { stackName } from '../src/greeter-stack';
import type { EmulatorClients } from './aws-clients';
import type { Check } from './checks';

/** The live alias's version now. */
export async function liveVersion(aws: EmulatorClients, env: Environment): Promise<string> {
  return (await aws.lambda.send(new GetAliasCommand({ FunctionName: stackName(env), Name: LIVE_ALIAS }))).FunctionVersion!;
}

/** Every deployment CodeDeploy ran for the environment's group, newest last. */
async function deployments(aws: EmulatorClients, env: Environment) {
  const ids =
    (await aws.codedeploy.send(new ListDeploymentsCommand({ applicationName: stackName(env), deploymentGroupName: stackName(env) }))).deployments ?? [];
  if (ids.length === 0) return [];
  return (await aws.codedeploy.send(new BatchGetDeploymentsCommand({ deploymentIds: ids }))).deploymentsInfo ?? [];
}

/** A new version reached the alias through a CodeDeploy deployment with the environment's strategy, which succeeded. */
export async function checkDeliveredByCodeDeploy(aws: EmulatorClients, env: Environment, version: string, check: Check): Promise<void> {
  const delivering = (await deployments(aws, env)).filter((d) => isDeploymentTo(d.description, version));
  const config = codeDeployConfigName(env.lambda.deploymentStrategy);
  check(
    `version ${version} reached the alias through a CodeDeploy deployment (${config}) that succeeded`,
    delivering.length === 1 && delivering[0]!.status === 'Succeeded' && delivering[0]!.deploymentConfigName === config,
    JSON.stringify(delivering.map((d) => [d.deploymentId, d.status, d.deploymentConfigName, d.description])),
  );
}
