import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CodedeployApp } from '@cdktf/provider-aws/lib/codedeploy-app';
import { CodedeployDeploymentGroup } from '@cdktf/provider-aws/lib/codedeploy-deployment-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LAMBDA_VARIABLES } from '../../deploy-hooks/settings';
import { assumeRolePolicy, policyDocument } from '../secure-defaults';
import { RolloutHook } from './rollout-hook';

export interface LambdaProgressiveDeliveryProps {
  /** A managed policy attached as the permissions boundary of every role this construct creates: the most the role may ever do. */
  permissionsBoundaryArn?: string;
  /** Names the CodeDeploy application, its deployment group and role. */
  name: string;
  region: string;
  /** The function whose alias moves: the alias and what hangs on it (provisioned concurrency), which the first rollout reads, and the version this deploy published. */
  function: { name: string; arn: string; alias: string; aliasResources: ITerraformDependable[]; publishedVersion: string };
  /** One of CodeDeploy's predefined Lambda configurations (`Canary10Percent5Minutes`), and how long it takes to move all traffic: what the hook waits for. */
  strategy: { name: string; minutes: number };
  /** Alarms that stop a deployment and roll it back while it runs (CodeDeploy takes up to 10). */
  rollbackAlarms: CloudwatchMetricAlarm[];
}

/** CodeDeploy's name for one of its predefined Lambda configurations. */
export const codeDeployConfigName = (strategy: string): string => `CodeDeployDefault.Lambda${strategy}`;

/**
 * Progressive delivery of a Lambda function, as SAM's DeploymentPreference
 * does it: a CodeDeploy deployment group that shifts the `live` alias to a
 * new version with the environment's strategy and rolls back when the
 * deployment fails or one of the alarms fires. Each deploy that publishes a
 * version runs the deployment hook, which starts the deployment and waits for
 * its outcome, so `cdktf deploy` fails when the new version was rolled back.
 */
export class LambdaProgressiveDelivery extends Construct {
  readonly applicationName: string;
  readonly deploymentGroupName: string;

  constructor(scope: Construct, id: string, props: LambdaProgressiveDeliveryProps) {
    super(scope, id);
    if (props.rollbackAlarms.length > 10) throw new Error(`CodeDeploy takes at most 10 alarms per deployment group (got ${props.rollbackAlarms.length})`);
    const fn = props.function;
    const app = new CodedeployApp(this, 'application', { name: props.name, computePlatform: 'Lambda' });
    const group = new CodedeployDeploymentGroup(this, 'deployment-group', {
      appName: app.name,
      deploymentGroupName: props.name,
      serviceRoleArn: this.serviceRole(props).arn,
      deploymentConfigName: codeDeployConfigName(props.strategy.name),
      deploymentStyle: { deploymentOption: 'WITH_TRAFFIC_CONTROL', deploymentType: 'BLUE_GREEN' },
      autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
      alarmConfiguration: { enabled: true, alarms: props.rollbackAlarms.map((alarm) => alarm.alarmName) },
    });
    const settings: Record<keyof typeof LAMBDA_VARIABLES, string> = {
      region: props.region,
      application: app.name,
      deploymentGroup: group.deploymentGroupName,
      functionName: fn.name,
      alias: fn.alias,
      targetVersion: fn.publishedVersion,
      strategyMinutes: String(props.strategy.minutes),
    };
    new RolloutHook(this, 'deployment', {
      kind: 'lambda',
      trigger: { publishedVersion: fn.publishedVersion },
      variables: LAMBDA_VARIABLES,
      settings,
      after: [group, ...fn.aliasResources],
    });
    this.applicationName = app.name;
    this.deploymentGroupName = group.deploymentGroupName;
  }

  /** What AWS's managed AWSCodeDeployRoleForLambda grants, narrowed to this function (no S3, no SNS, no other function). */
  private serviceRole({ name, permissionsBoundaryArn, function: fn }: LambdaProgressiveDeliveryProps): IamRole {
    const role = new IamRole(this, 'role', {
      name: `${name}-codedeploy`,
      description: `Lets CodeDeploy move the ${fn.alias} alias of ${fn.name} and read the alarms that stop it`,
      assumeRolePolicy: assumeRolePolicy('codedeploy.amazonaws.com'),
      permissionsBoundary: permissionsBoundaryArn,
    });
    new IamRolePolicy(this, 'policy', {
      name: 'shift-this-alias',
      role: role.id,
      policy: policyDocument([
        {
          Sid: 'ShiftTheAlias',
          Effect: 'Allow',
          Action: ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig'],
          Resource: [fn.arn, `${fn.arn}:*`],
        },
        // DescribeAlarms cannot be limited by resource: it lists alarm states, nothing more.
        { Sid: 'ReadAlarmStates', Effect: 'Allow', Action: 'cloudwatch:DescribeAlarms', Resource: '*' },
      ]),
    });

    return role;
  }
}
