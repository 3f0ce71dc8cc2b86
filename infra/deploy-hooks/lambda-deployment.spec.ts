import { CreateDeploymentCommand, GetDeploymentCommand, ListDeploymentsCommand } from '@aws-sdk/client-codedeploy';
import { GetAliasCommand } from '@aws-sdk/client-lambda';
import { appSpec, DeploymentFailed, deployLambdaVersion, type LambdaDeploymentSettings, WAIT_MARGIN_MINUTES } from './lambda-deployment';
import { recordingIo } from './testing-io';

const SETTINGS: LambdaDeploymentSettings = {
  region: 'us-east-1',
  application: 'greeter-prod',
  deploymentGroup: 'greeter-prod',
  functionName: 'greeter-prod',
  alias: 'live',
  targetVersion: '8',
  strategyMinutes: 5,
  noWait: false,
  ignoreAlarms: false,
  pollSeconds: 15,
};

/**
 * A CodeDeploy and a Lambda that answer like AWS: the alias on `aliasVersion`,
 * `unfinished` deployments listed, and each GetDeployment of the new
 * deployment answering the next of `statuses` (the last one repeating).
 */
function fakeAws({
  aliasVersion = '7',
  weights,
  unfinished = [],
  statuses = ['InProgress', 'Succeeded'],
  failure,
}: {
  aliasVersion?: string;
  weights?: Record<string, number>;
  unfinished?: Array<{ deploymentId: string; description: string; status: string }>;
  statuses?: string[];
  failure?: Record<string, unknown>;
}) {
  const sent: Array<{ name: string; input: any }> = [];
  let polls = 0;
  const codeDeploy = {
    async send(command: any) {
      sent.push({ name: command.constructor.name, input: command.input });
      if (command instanceof ListDeploymentsCommand) return { deployments: unfinished.map((d) => d.deploymentId) };
      if (command instanceof CreateDeploymentCommand) return { deploymentId: 'd-NEW' };
      if (command instanceof GetDeploymentCommand) {
        const running = unfinished.find((d) => d.deploymentId === command.input.deploymentId);
        if (running && polls === 0 && sent.filter((s) => s.name === 'GetDeploymentCommand').length === 1) return { deploymentInfo: running };
        const status = statuses[Math.min(polls++, statuses.length - 1)];
        return {
          deploymentInfo: {
            deploymentId: command.input.deploymentId,
            status,
            autoRollbackConfiguration: { enabled: true },
            ...(status === 'Succeeded' ? {} : failure),
          },
        };
      }
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  };
  const lambda = {
    async send(command: any) {
      sent.push({ name: command.constructor.name, input: command.input });
      if (command instanceof GetAliasCommand)
        return { FunctionVersion: aliasVersion, ...(weights ? { RoutingConfig: { AdditionalVersionWeights: weights } } : {}) };
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  };
  return { clients: { codeDeploy, lambda }, sent };
}

describe('the Lambda deployment hook', () => {
  it('starts a CodeDeploy deployment from the alias’s version to the new one, says how to follow it, and waits until it succeeds', async () => {
    const aws = fakeAws({ statuses: ['Created', 'InProgress', 'InProgress', 'Succeeded'] });
    const out = recordingIo();

    await deployLambdaVersion(aws.clients, SETTINGS, out.io);

    const create = aws.sent.find((s) => s.name === 'CreateDeploymentCommand')!.input;
    expect(create).toMatchObject({
      applicationName: 'greeter-prod',
      deploymentGroupName: 'greeter-prod',
      description: 'greeter-prod:live from version 7 to 8',
    });
    expect(JSON.parse(create.revision.appSpecContent.content)).toEqual({
      version: 0,
      Resources: [
        { 'greeter-prod': { Type: 'AWS::Lambda::Function', Properties: { Name: 'greeter-prod', Alias: 'live', CurrentVersion: '7', TargetVersion: '8' } } },
      ],
    });
    expect(out.lines).toEqual([
      'started CodeDeploy deployment d-NEW: greeter-prod:live from version 7 to 8',
      expect.stringContaining('aws deploy get-deployment --region us-east-1 --deployment-id d-NEW'),
      expect.stringContaining('console.aws.amazon.com/codesuite/codedeploy/deployments/d-NEW'),
      'deployment d-NEW: Created',
      'deployment d-NEW: InProgress',
      'deployment d-NEW: Succeeded',
      'greeter-prod:live is on version 8',
    ]);
    expect(out.slept).toEqual([15, 15, 15]);
  });

  it('fails the deploy with CodeDeploy’s reason when an alarm stopped the deployment and it rolled back, naming the version that stays live', async () => {
    const aws = fakeAws({
      statuses: ['InProgress', 'Stopped'],
      failure: {
        errorInformation: { code: 'ALARM_ACTIVE', message: 'One or more alarms have been activated: greeter-prod-lambda-errors' },
        rollbackInfo: { rollbackMessage: 'Rolled back by d-ROLLBACK' },
      },
    });

    const deploying = deployLambdaVersion(aws.clients, SETTINGS, recordingIo().io);

    await expect(deploying).rejects.toThrow(DeploymentFailed);
    await expect(deploying).rejects.toThrow(
      'deployment d-NEW stopped: One or more alarms have been activated: greeter-prod-lambda-errors. Rolled back by d-ROLLBACK: greeter-prod:live stays on version 7.',
    );
  });

  it('does nothing on the first deploy, when Terraform has just created the alias on the new version', async () => {
    const aws = fakeAws({ aliasVersion: '8' });
    const out = recordingIo();

    await deployLambdaVersion(aws.clients, SETTINGS, out.io);

    expect(aws.sent.map((s) => s.name)).toEqual(['GetAliasCommand']);
    expect(out.lines).toEqual(['greeter-prod:live is already on version 8; nothing to deploy']);
  });

  it('follows a deployment of the same version that is already under way (a deploy run again after a timeout) instead of starting another', async () => {
    const aws = fakeAws({
      unfinished: [{ deploymentId: 'd-OLD', description: 'greeter-prod:live from version 7 to 8', status: 'InProgress' }],
      statuses: ['Succeeded'],
    });
    const out = recordingIo();

    await deployLambdaVersion(aws.clients, SETTINGS, out.io);

    expect(aws.sent.map((s) => s.name)).not.toContain('CreateDeploymentCommand');
    expect(out.lines[0]).toBe('deployment d-OLD of greeter-prod:live from version 7 to 8 is already under way; following it');
    expect(out.lines).toContain('greeter-prod:live is on version 8');
  });

  it('refuses to start while another version’s deployment runs, and says how to wait for it or stop it', async () => {
    const aws = fakeAws({
      weights: { '7': 0.1 },
      aliasVersion: '6',
      unfinished: [{ deploymentId: 'd-OTHER', description: 'greeter-prod:live from version 6 to 7', status: 'InProgress' }],
    });

    const deploying = deployLambdaVersion(aws.clients, SETTINGS, recordingIo().io);

    await expect(deploying).rejects.toThrow(/deployment d-OTHER \(greeter-prod:live from version 6 to 7\) is still InProgress/);
    await expect(deploying).rejects.toThrow(/aws deploy stop-deployment --region us-east-1 --deployment-id d-OTHER --auto-rollback-enabled/);
  });

  it('gives up waiting after the strategy’s minutes plus a margin, saying the deployment goes on and how to follow it', async () => {
    const aws = fakeAws({ statuses: ['InProgress'] });
    const out = recordingIo();

    await expect(deployLambdaVersion(aws.clients, SETTINGS, out.io)).rejects.toThrow(
      `had not finished after ${5 + WAIT_MARGIN_MINUTES} minutes; it goes on in AWS`,
    );
    expect(out.slept.reduce((a, b) => a + b, 0)).toBe((5 + WAIT_MARGIN_MINUTES) * 60);
  });

  it('when told not to wait, starts the deployment, prints how to follow it, and returns', async () => {
    const aws = fakeAws({});
    const out = recordingIo();

    await deployLambdaVersion(aws.clients, { ...SETTINGS, noWait: true }, out.io);

    expect(aws.sent.filter((s) => s.name === 'GetDeploymentCommand')).toEqual([]);
    expect(out.lines.at(-1)).toMatch(/not waiting/);
  });

  it('ships a fix while an alarm fires when told to: the deployment overrides the group’s alarms', async () => {
    const aws = fakeAws({});

    await deployLambdaVersion(aws.clients, { ...SETTINGS, ignoreAlarms: true }, recordingIo().io);

    expect(aws.sent.find((s) => s.name === 'CreateDeploymentCommand')!.input.overrideAlarmConfiguration).toEqual({ enabled: false, alarms: [] });
  });

  it('follows the deployment still shifting traffic to the version the alias already names, instead of calling it done', async () => {
    const aws = fakeAws({
      aliasVersion: '8',
      weights: { '7': 0.5 },
      unfinished: [{ deploymentId: 'd-HALF', description: 'greeter-prod:live from version 7 to 8', status: 'InProgress' }],
      statuses: ['Succeeded'],
    });
    const out = recordingIo();

    await deployLambdaVersion(aws.clients, SETTINGS, out.io);

    expect(out.lines).not.toContain('greeter-prod:live is already on version 8; nothing to deploy');
    expect(out.lines[0]).toBe('deployment d-HALF of greeter-prod:live from version 7 to 8 is already under way; following it');
    expect(aws.sent.filter((s) => s.name === 'GetDeploymentCommand').map((s) => s.input.deploymentId)).toContain('d-HALF');
    expect(out.lines.at(-1)).toBe('greeter-prod:live is on version 8');
  });

  it('writes the AppSpec version as the number 0.0, which JSON spells 0', () => {
    expect(appSpec(SETTINGS, '7')).toMatch(/^\{"version":0,/);
  });
});
