import { synthConstructs } from '../../test/synth';
import type { AlarmSpec } from '../operations/alarm-spec';
import { AlarmsAndDashboard } from './alarms-and-dashboard';

const SPEC: AlarmSpec = {
  id: 'errors',
  title: 'Errors',
  why: 'Requests are failing',
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  dimensions: { FunctionName: 'fn' },
  statistic: 'Sum',
  threshold: 5,
  comparison: 'GreaterThanOrEqualToThreshold',
  periodSeconds: 300,
};
const REQUESTS = { namespace: 'AWS/Lambda', metricName: 'Invocations', dimensions: { FunctionName: 'fn' } };
const synth = (notifyEmails: string[] = []) =>
  synthConstructs((scope) => new AlarmsAndDashboard(scope, 'ops', { name: 'svc', region: 'eu-west-1', alarms: [SPEC], requests: REQUESTS, notifyEmails }));

describe('alarms and a dashboard from one list', () => {
  it('makes one alarm per spec, named after the stack, notifying the topic on ALARM and on OK, missing data not breaching', () => {
    const stack = synth();
    const alarm = stack.resource('aws_cloudwatch_metric_alarm');

    expect(alarm).toMatchObject({
      alarm_name: 'svc-errors',
      alarm_description: 'Requests are failing',
      namespace: 'AWS/Lambda',
      metric_name: 'Errors',
      threshold: 5,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'notBreaching',
    });
    expect(alarm['alarm_actions']).toEqual([expect.stringMatching(/aws_sns_topic\.ops_topic_.*\.arn/)]);
    expect(alarm['ok_actions']).toEqual(alarm['alarm_actions']);
  });

  it('draws the request rate first, then every alarm, on one dashboard', () => {
    // Written as Terraform's jsonencode(), so the alarm names inside resolve at apply.
    const body: string = synth().resource('aws_cloudwatch_dashboard')['dashboard_body'];
    const titles = [...body.matchAll(/"title" = "([^"]+)"/g)].map(([, title]) => title);

    expect(titles).toEqual(['Requests', 'Errors']);
    expect(body).toContain('"metrics" = [["AWS/Lambda", "Invocations", "FunctionName", "fn"]]');
  });

  it('subscribes each address given by email, and none by default', () => {
    expect(synth().resources('aws_sns_topic_subscription')).toEqual([]);
    expect(
      synth(['a@greeter.test', 'b@greeter.test'])
        .resources('aws_sns_topic_subscription')
        .map((s) => [s['protocol'], s['endpoint']]),
    ).toEqual([
      ['email', 'a@greeter.test'],
      ['email', 'b@greeter.test'],
    ]);
  });
});
