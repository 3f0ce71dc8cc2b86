import { synthConstructs } from '../../test/synth';
import { KIND_VARIABLE, LAMBDA_VARIABLES } from '../../deploy-hooks/settings';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaProgressiveDelivery, type LambdaProgressiveDeliveryProps } from './lambda-progressive-delivery';

const FUNCTION = { name: 'fn', arn: 'arn:aws:lambda:eu-west-1:111122223333:function:fn', alias: 'live', aliasResources: [], publishedVersion: '7' };
const synth = (alarmCount = 1, strategy = { name: 'Canary10Percent5Minutes', minutes: 5 }) =>
  synthConstructs((scope) => {
    const rollbackAlarms = Array.from(
      { length: alarmCount },
      (_, i) =>
        new CloudwatchMetricAlarm(scope, `alarm-${i}`, { alarmName: `a${i}`, comparisonOperator: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 1 }),
    );
    const props: LambdaProgressiveDeliveryProps = { name: 'svc', region: 'eu-west-1', function: FUNCTION, strategy, rollbackAlarms };
    new LambdaProgressiveDelivery(scope, 'delivery', props);
  });

describe('progressive delivery of a Lambda function', () => {
  it("moves the alias with CodeDeploy's predefined configuration, rolling back on failure or on any of the alarms", () => {
    const group = synth().resource('aws_codedeploy_deployment_group');

    expect(group).toMatchObject({
      deployment_config_name: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      deployment_style: { deployment_option: 'WITH_TRAFFIC_CONTROL', deployment_type: 'BLUE_GREEN' },
      auto_rollback_configuration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
    });
    expect(group['alarm_configuration'].alarms).toEqual([expect.stringMatching(/alarm-0\.alarm_name/)]);
  });

  it('lets CodeDeploy move only this function’s alias', () => {
    const [shift] = JSON.parse(synth().resource('aws_iam_role_policy')['policy']).Statement;

    expect(shift.Resource).toEqual([FUNCTION.arn, `${FUNCTION.arn}:*`]);
  });

  it('starts a deployment for each published version and waits as long as the strategy takes', () => {
    const hook = synth(1, { name: 'Linear10PercentEvery1Minute', minutes: 10 }).resource('terraform_data');
    const environment = hook['provisioner'][0]['local-exec'].environment;

    expect(hook['triggers_replace']).toEqual({ publishedVersion: '7' });
    expect(environment).toMatchObject({ [KIND_VARIABLE]: 'lambda', [LAMBDA_VARIABLES.targetVersion]: '7', [LAMBDA_VARIABLES.strategyMinutes]: '10' });
  });

  it('refuses more alarms than CodeDeploy takes', () => {
    expect(() => synth(11)).toThrow(/at most 10 alarms/);
  });
});
