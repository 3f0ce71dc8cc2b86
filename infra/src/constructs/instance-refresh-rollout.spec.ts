import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { synthConstructs } from '../../test/synth';
import { KIND_VARIABLE, REFRESH_VARIABLES } from '../../deploy-hooks/settings';
import { InstanceRefreshRollout } from './instance-refresh-rollout';

describe('the instance refresh rollout', () => {
  it('starts a refresh to the newest template version whenever it changes, after the group and its alarms, with them to roll back on', () => {
    const stack = synthConstructs((scope) => {
      const group = new AutoscalingGroup(scope, 'group', { name: 'g', minSize: 1, maxSize: 2 });
      const launchTemplate = new LaunchTemplate(scope, 'template', { name: 't' });
      const alarm = new CloudwatchMetricAlarm(scope, 'alarm', {
        alarmName: 'svc-5xx',
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        evaluationPeriods: 1,
      });
      new InstanceRefreshRollout(scope, 'rollout', {
        region: 'eu-west-1',
        group,
        launchTemplate,
        warmupSeconds: 120,
        checkpointDelaySeconds: 0,
        rollbackAlarms: [alarm],
      });
    });
    const hook = stack.resource('terraform_data');
    const environment = hook['provisioner'][0]['local-exec'].environment;

    expect(Object.keys(hook['triggers_replace'])).toEqual(['launchTemplateId', 'launchTemplateVersion']);
    expect(hook['triggers_replace'].launchTemplateVersion).toMatch(/aws_launch_template\.template\.latest_version/);
    expect(environment).toMatchObject({
      [KIND_VARIABLE]: 'instance-refresh',
      [REFRESH_VARIABLES.region]: 'eu-west-1',
      [REFRESH_VARIABLES.warmupSeconds]: '120',
      [REFRESH_VARIABLES.checkpointDelaySeconds]: '0',
    });
    expect(environment[REFRESH_VARIABLES.rollbackAlarms]).toMatch(/aws_cloudwatch_metric_alarm\.alarm\.alarm_name/);
    expect(hook['depends_on']).toEqual(['aws_autoscaling_group.group', 'aws_cloudwatch_metric_alarm.alarm']);
  });
});
