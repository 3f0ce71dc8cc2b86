import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { type AlarmSpec, alarmName, type RequestRateMetric } from '../operations/alarm-spec';

export interface AlarmsAndDashboardProps {
  /** Prefixes the topic, the alarms and the dashboard. */
  name: string;
  region: string;
  alarms: AlarmSpec[];
  requests: RequestRateMetric;
  notifyEmails: string[];
}

const WIDGET = { width: 12, height: 6 };

/** A CloudWatch metric as a dashboard widget wants it: namespace, name, then dimension pairs. */
function metricLine(metric: { namespace: string; metricName: string; dimensions: Record<string, string> }): string[] {
  return [metric.namespace, metric.metricName, ...Object.entries(metric.dimensions).flat()];
}

/**
 * The environment's alarm topic (email subscriptions from config), one alarm
 * per golden signal notifying it on ALARM and on OK, and a dashboard drawn
 * from the same list, so the two cannot drift apart.
 */
export class AlarmsAndDashboard extends Construct {
  readonly topicArn: string;
  readonly dashboardUrl: string;
  /** Every golden-signal alarm: what a rollout watches (and is created after). */
  readonly alarms: CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: AlarmsAndDashboardProps) {
    super(scope, id);
    const topic = new SnsTopic(this, 'topic', { name: `${props.name}-alarms`, displayName: `${props.name} alarms` });
    // Named by the address, so removing one leaves the others (and their confirmations) alone.
    for (const email of props.notifyEmails) new SnsTopicSubscription(this, `email-${email}`, { topicArn: topic.arn, protocol: 'email', endpoint: email });

    this.alarms = props.alarms.map((spec) => {
      return new CloudwatchMetricAlarm(this, spec.id, {
        alarmName: alarmName(props.name, spec),
        alarmDescription: spec.why,
        namespace: spec.namespace,
        metricName: spec.metricName,
        dimensions: spec.dimensions,
        ...(spec.statistic === 'p99' ? { extendedStatistic: 'p99' } : { statistic: spec.statistic }),
        period: spec.periodSeconds,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        threshold: spec.threshold,
        comparisonOperator: spec.comparison,
        // No traffic is no error; an in-service count that stops reporting is itself a problem.
        treatMissingData: spec.comparison === 'LessThanThreshold' ? 'breaching' : 'notBreaching',
        alarmActions: [topic.arn],
        okActions: [topic.arn],
      });
    });

    const widgets = [
      {
        type: 'metric',
        ...WIDGET,
        properties: { title: 'Requests', region: props.region, stat: 'Sum', period: 60, metrics: [metricLine(props.requests)] },
      },
      ...props.alarms.map((spec) => ({
        type: 'metric',
        ...WIDGET,
        properties: {
          title: spec.title,
          region: props.region,
          stat: spec.statistic,
          period: spec.periodSeconds,
          metrics: [metricLine(spec)],
          annotations: { horizontal: [{ label: 'alarm', value: spec.threshold }] },
        },
      })),
    ];
    const dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: props.name,
      dashboardBody: Fn.jsonencode({ widgets: widgets.map((w, i) => ({ ...w, x: (i % 2) * WIDGET.width, y: Math.floor(i / 2) * WIDGET.height })) }),
    });
    this.topicArn = topic.arn;
    this.dashboardUrl = `https://${props.region}.console.aws.amazon.com/cloudwatch/home?region=${props.region}#dashboards:name=${dashboard.dashboardName}`;
  }
}
