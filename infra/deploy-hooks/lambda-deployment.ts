import { CreateDeploymentCommand, type DeploymentInfo, GetDeploymentCommand, ListDeploymentsCommand } from '@aws-sdk/client-codedeploy';
import { GetAliasCommand } from '@aws-sdk/client-lambda';
import { followRollout, NOT_WAITING, type RolloutIo } from './follow-rollout';

/** What one deployment moves: a function's alias to a published version, through a CodeDeploy deployment group. */
export interface LambdaDeploymentSettings {
  region: string;
  application: string;
  deploymentGroup: string;
  functionName: string;
  alias: string;
  targetVersion: string;
  /** How long the group's strategy takes to shift all traffic; the wait allows this plus WAIT_MARGIN_MINUTES. */
  strategyMinutes: number;
  /** Start the deployment and print how to follow it, without waiting. */
  noWait: boolean;
  /** Ship even while an alarm fires (a fix during an incident): the group's alarms do not stop this deployment. */
  ignoreAlarms: boolean;
  pollSeconds: number;
}

/** The two AWS calls' clients, as the SDK's `send` (tests pass fakes). */
export interface DeploymentClients {
  codeDeploy: { send(command: CreateDeploymentCommand | GetDeploymentCommand | ListDeploymentsCommand): Promise<any> };
  lambda: { send(command: GetAliasCommand): Promise<any> };
}

export type DeploymentIo = RolloutIo;

/** A deployment still needs this long beyond its strategy's own minutes: CodeDeploy's start-up, alarm checks, the final shift. */
export const WAIT_MARGIN_MINUTES = 10;

const UNFINISHED = ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'] as const;

export class DeploymentFailed extends Error {}

/** How the hook describes a deployment it starts; it (and the rehearsal) tell a deployment's target by it (isDeploymentTo). */
const describe = (s: LambdaDeploymentSettings, from: string) => `${s.functionName}:${s.alias} from version ${from} to ${s.targetVersion}`;

/** Whether a deployment, by its description, moves the alias to this version. */
export const isDeploymentTo = (description: string | undefined, version: string): boolean => description?.endsWith(` to ${version}`) ?? false;

function followCommand(s: LambdaDeploymentSettings, id: string): string {
  return `aws deploy get-deployment --region ${s.region} --deployment-id ${id} --query 'deploymentInfo.[status,errorInformation.message]'`;
}

function consoleUrl(s: LambdaDeploymentSettings, id: string): string {
  return `https://${s.region}.console.aws.amazon.com/codesuite/codedeploy/deployments/${id}?region=${s.region}`;
}

/** The AppSpec CodeDeploy takes for a Lambda deployment: which alias moves, from which version to which. */
export function appSpec(s: LambdaDeploymentSettings, currentVersion: string): string {
  return JSON.stringify({
    version: 0.0,
    Resources: [
      {
        [s.functionName]: {
          Type: 'AWS::Lambda::Function',
          Properties: { Name: s.functionName, Alias: s.alias, CurrentVersion: currentVersion, TargetVersion: s.targetVersion },
        },
      },
    ],
  });
}

/** A deployment of this group that has not finished, if any: CodeDeploy runs one at a time per group. */
async function unfinishedDeployment(clients: DeploymentClients, s: LambdaDeploymentSettings): Promise<DeploymentInfo | undefined> {
  const listed = await clients.codeDeploy.send(
    new ListDeploymentsCommand({ applicationName: s.application, deploymentGroupName: s.deploymentGroup, includeOnlyStatuses: [...UNFINISHED] }),
  );
  const id: string | undefined = listed.deployments?.[0];
  if (id === undefined) return undefined;
  return (await clients.codeDeploy.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo;
}

/**
 * Moves the alias to the target version through CodeDeploy, so that the
 * group's strategy (canary, linear or all at once) and its alarms decide, and
 * waits for the outcome: returns when the deployment succeeded, throws
 * DeploymentFailed when it failed or was rolled back (the alias then stays
 * where it was) or did not finish in time.
 */
export async function deployLambdaVersion(clients: DeploymentClients, s: LambdaDeploymentSettings, io: DeploymentIo): Promise<void> {
  const alias = await clients.lambda.send(new GetAliasCommand({ FunctionName: s.functionName, Name: s.alias }));
  const current: string = alias.FunctionVersion;
  const shifting = Object.keys(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).length > 0;
  if (current === s.targetVersion && !shifting) {
    io.print(`${s.functionName}:${s.alias} is already on version ${s.targetVersion}; nothing to deploy`);
    return;
  }

  let id: string;
  const running = await unfinishedDeployment(clients, s);
  if (running) {
    if (!isDeploymentTo(running.description, s.targetVersion)) {
      throw new DeploymentFailed(
        `deployment ${running.deploymentId} (${running.description ?? 'no description'}) is still ${running.status}; CodeDeploy runs one deployment per group at a time. ` +
          `Wait for it (${followCommand(s, running.deploymentId!)}) or stop it with rollback (aws deploy stop-deployment --region ${s.region} --deployment-id ${running.deploymentId} --auto-rollback-enabled), then deploy again`,
      );
    }
    id = running.deploymentId!;
    io.print(`deployment ${id} of ${running.description} is already under way; following it`);
  } else {
    const created = await clients.codeDeploy.send(
      new CreateDeploymentCommand({
        applicationName: s.application,
        deploymentGroupName: s.deploymentGroup,
        description: describe(s, current),
        revision: { revisionType: 'AppSpecContent', appSpecContent: { content: appSpec(s, current) } },
        ...(s.ignoreAlarms ? { overrideAlarmConfiguration: { enabled: false, alarms: [] } } : {}),
      }),
    );
    id = created.deploymentId;
    io.print(`started CodeDeploy deployment ${id}: ${describe(s, current)}${s.ignoreAlarms ? ' (alarms ignored: GREETER_DEPLOY_IGNORE_ALARMS is set)' : ''}`);
  }
  io.print(`follow it: ${followCommand(s, id)}`);
  io.print(`or in the console: ${consoleUrl(s, id)}`);
  if (s.noWait) {
    io.print(NOT_WAITING);
    return;
  }
  await waitForOutcome(clients, s, id, current, io);
}

async function waitForOutcome(clients: DeploymentClients, s: LambdaDeploymentSettings, id: string, from: string, io: DeploymentIo): Promise<void> {
  await followRollout(
    async () => {
      const info: DeploymentInfo = (await clients.codeDeploy.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo;
      const status = info.status ?? 'Unknown';
      const line = `deployment ${id}: ${status}${info.deploymentStatusMessages?.length ? ` (${info.deploymentStatusMessages.join('; ')})` : ''}`;
      if (status !== 'Failed' && status !== 'Stopped') return { line, succeeded: status === 'Succeeded' };
      const why = info.errorInformation?.message ?? info.errorInformation?.code ?? 'no reason given';
      const rollback = info.rollbackInfo?.rollbackMessage ?? (info.autoRollbackConfiguration?.enabled ? 'rolled back automatically' : 'not rolled back');
      const failure = new DeploymentFailed(
        `deployment ${id} ${status.toLowerCase()}: ${why}. ${rollback}: ${s.functionName}:${s.alias} stays on version ${from}. ` +
          `Version ${s.targetVersion} stays published; the next deploy tries again.`,
      );
      return { line, succeeded: false, failure };
    },
    {
      limitMinutes: s.strategyMinutes + WAIT_MARGIN_MINUTES,
      pollSeconds: s.pollSeconds,
      what: `deployment ${id}`,
      followCommand: followCommand(s, id),
      Failure: DeploymentFailed,
    },
    io,
  );
  io.print(`${s.functionName}:${s.alias} is on version ${s.targetVersion}`);
}
