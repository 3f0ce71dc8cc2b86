import { ENVIRONMENTS } from '../environments';
import { withOwnValues } from '../test/own-values';
import { synthEnvironment } from '../test/synth';

const [dev, , prod] = withOwnValues(ENVIRONMENTS);

const metricsOf = (alarms: Array<Record<string, any>>) => alarms.map((a) => `${a['namespace']} ${a['metric_name']}`).sort();

describe('golden-signal alarms and the dashboard', () => {
  describe.each([
    ['dev (lambda)', dev!],
    ['prod (ec2)', prod!],
  ])('%s', (_name, env) => {
    const stack = synthEnvironment(env);
    const alarms = stack.resources('aws_cloudwatch_metric_alarm');
    const topic = expect.stringMatching(/^\$\{aws_sns_topic\.operations_topic_[0-9A-F]+\.arn\}$/);

    it('notifies the environment’s topic from every alarm, on ALARM and on OK, and says why in each', () => {
      expect(stack.resource('aws_sns_topic')['name']).toBe(`greeter-${env.name}-alarms`);
      expect(alarms.length).toBeGreaterThanOrEqual(5);
      for (const alarm of alarms) {
        expect(alarm['alarm_actions']).toEqual([topic]);
        expect(alarm['ok_actions']).toEqual([topic]);
        expect(alarm['alarm_description'].split(' ').length).toBeGreaterThanOrEqual(6);
        expect(alarm['alarm_name']).toMatch(new RegExp(`^greeter-${env.name}-`));
      }
    });

    it('draws one graph per alarm, plus the request rate, and outputs the dashboard’s URL', () => {
      // Terraform renders the body (it holds references); the rehearsal reads it back as JSON.
      const body: string = stack.resource('aws_cloudwatch_dashboard')['dashboard_body'];

      expect(body.match(/"type" = "metric"/g)).toHaveLength(alarms.length + 1);
      expect(body).toMatch(/^\$\{jsonencode\(\{"widgets" = \[\{"type" = "metric", .*"title" = "Requests"/);
      expect(stack.json.output.dashboard_url.value).toMatch(
        new RegExp(`^https://${env.region}\\.console\\.aws\\.amazon\\.com/cloudwatch/home\\?region=${env.region}#dashboards:name=`),
      );
    });
  });

  it('on Lambda: errors, throttles, p99 duration at 80% of the timeout, HTTP API 5xx and p99 latency', () => {
    const alarms = synthEnvironment(dev!).resources('aws_cloudwatch_metric_alarm');

    expect(metricsOf(alarms)).toEqual(['AWS/ApiGateway 5xx', 'AWS/ApiGateway Latency', 'AWS/Lambda Duration', 'AWS/Lambda Errors', 'AWS/Lambda Throttles']);
    expect(alarms.find((a) => a['metric_name'] === 'Duration')).toMatchObject({ extended_statistic: 'p99', threshold: 8000 });
    expect(alarms.find((a) => a['metric_name'] === 'Latency')).toMatchObject({ extended_statistic: 'p99', threshold: 1000 });
    expect(alarms.find((a) => a['metric_name'] === 'Errors')).toMatchObject({
      statistic: 'Sum',
      threshold: 5,
      period: 300,
      treat_missing_data: 'notBreaching',
    });
  });

  it('on Lambda with reserved concurrency: concurrency at 80% of the reservation', () => {
    const alarms = synthEnvironment({ ...dev!, lambda: { reservedConcurrency: 50 } }).resources('aws_cloudwatch_metric_alarm');

    expect(alarms.find((a) => a['metric_name'] === 'ConcurrentExecutions')).toMatchObject({ statistic: 'Maximum', threshold: 40 });
  });

  it('on EC2: ALB and target 5xx, p99 target response time, unhealthy hosts, in-service below the minimum', () => {
    const stack = synthEnvironment(prod!);
    const alarms = stack.resources('aws_cloudwatch_metric_alarm');

    expect(metricsOf(alarms)).toEqual([
      'AWS/ApplicationELB HTTPCode_ELB_5XX_Count',
      'AWS/ApplicationELB HTTPCode_Target_5XX_Count',
      'AWS/ApplicationELB TargetResponseTime',
      'AWS/ApplicationELB UnHealthyHostCount',
      'AWS/AutoScaling GroupInServiceInstances',
    ]);
    expect(alarms.find((a) => a['metric_name'] === 'GroupInServiceInstances')).toMatchObject({
      threshold: 3,
      comparison_operator: 'LessThanThreshold',
      treat_missing_data: 'breaching',
    });
    expect(alarms.find((a) => a['metric_name'] === 'TargetResponseTime')).toMatchObject({ extended_statistic: 'p99', threshold: 1 });
    expect(alarms.find((a) => a['metric_name'] === 'UnHealthyHostCount')).toMatchObject({ statistic: 'Minimum', period: 300, threshold: 1 });
    expect(stack.resource('aws_autoscaling_group')['enabled_metrics']).toContain('GroupInServiceInstances');
  });

  it('takes thresholds and email subscriptions from the environment’s config', () => {
    const stack = synthEnvironment({
      ...prod!,
      alarms: { notifyEmails: ['oncall@greeter.test', 'lead@greeter.test'], errorsPerFiveMinutes: 20, p99LatencyMs: 250 },
    });
    const alarms = stack.resources('aws_cloudwatch_metric_alarm');

    expect(
      stack
        .resources('aws_sns_topic_subscription')
        .map((s) => `${s['protocol']} ${s['endpoint']}`)
        .sort(),
    ).toEqual(['email lead@greeter.test', 'email oncall@greeter.test']);
    expect(alarms.find((a) => a['metric_name'] === 'HTTPCode_Target_5XX_Count')!['threshold']).toBe(20);
    expect(alarms.find((a) => a['metric_name'] === 'TargetResponseTime')!['threshold']).toBe(0.25);
  });
});
