import type { AlarmSettings } from '@greeter/environment-config';
import { type AlarmSpec, FIVE_MINUTES, type RequestRateMetric } from './alarm-spec';

/** The Lambda errors alarm's id, and the app's 5xx on EC2: what the rehearsal trips to see a rollout roll back. */
export const LAMBDA_ERRORS_ALARM_ID = 'lambda-errors';
export const TARGET_5XX_ALARM_ID = 'target-5xx';

export interface LambdaSignalsProps {
  functionName: string;
  apiId: string;
  timeoutSeconds: number;
  reservedConcurrency?: number;
  alarms: AlarmSettings;
}

/** Lambda and its HTTP API: errors, throttles, duration near the timeout, concurrency near its reservation, 5xx and p99 latency. */
export function lambdaGoldenSignals(p: LambdaSignalsProps): { alarms: AlarmSpec[]; requests: RequestRateMetric } {
  const fn = { namespace: 'AWS/Lambda', dimensions: { FunctionName: p.functionName } };
  const api = { namespace: 'AWS/ApiGateway', dimensions: { ApiId: p.apiId, Stage: '$default' } };
  const alarms: AlarmSpec[] = [
    {
      id: LAMBDA_ERRORS_ALARM_ID,
      title: 'Lambda errors',
      why: `The function failed ${p.alarms.errorsPerFiveMinutes} or more invocations in 5 minutes (thrown errors, timeouts, crashes).`,
      ...fn,
      metricName: 'Errors',
      statistic: 'Sum',
      threshold: p.alarms.errorsPerFiveMinutes,
      comparison: 'GreaterThanOrEqualToThreshold',
      periodSeconds: FIVE_MINUTES,
    },
    {
      id: 'lambda-throttles',
      title: 'Lambda throttles',
      why: 'Lambda refused invocations for lack of concurrency: callers got 429s or 5xx.',
      ...fn,
      metricName: 'Throttles',
      statistic: 'Sum',
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      periodSeconds: FIVE_MINUTES,
    },
    {
      id: 'lambda-duration-near-timeout',
      title: 'Lambda duration p99 (ms)',
      why: `p99 duration reached ${p.alarms.durationPercentOfTimeout}% of the ${p.timeoutSeconds} s timeout: invocations are about to time out.`,
      ...fn,
      metricName: 'Duration',
      statistic: 'p99',
      threshold: (p.timeoutSeconds * 1000 * p.alarms.durationPercentOfTimeout) / 100,
      comparison: 'GreaterThanOrEqualToThreshold',
      periodSeconds: FIVE_MINUTES,
    },
    {
      id: 'api-5xx',
      title: 'HTTP API 5xx',
      why: `The HTTP API answered ${p.alarms.errorsPerFiveMinutes} or more 5xx in 5 minutes.`,
      ...api,
      metricName: '5xx',
      statistic: 'Sum',
      threshold: p.alarms.errorsPerFiveMinutes,
      comparison: 'GreaterThanOrEqualToThreshold',
      periodSeconds: FIVE_MINUTES,
    },
    {
      id: 'api-latency-p99',
      title: 'HTTP API latency p99 (ms)',
      why: `p99 latency at the HTTP API reached ${p.alarms.p99LatencyMs} ms.`,
      ...api,
      metricName: 'Latency',
      statistic: 'p99',
      threshold: p.alarms.p99LatencyMs,
      comparison: 'GreaterThanOrEqualToThreshold',
      periodSeconds: FIVE_MINUTES,
    },
  ];
  if (p.reservedConcurrency !== undefined && p.reservedConcurrency > 0) {
    alarms.push({
      id: 'lambda-concurrency-near-reservation',
      title: 'Lambda concurrent executions',
      why: `Concurrency reached ${p.alarms.concurrencyPercentOfReserved}% of the ${p.reservedConcurrency} reserved: throttling is next.`,
      ...fn,
      metricName: 'ConcurrentExecutions',
      statistic: 'Maximum',
      threshold: Math.ceil((p.reservedConcurrency * p.alarms.concurrencyPercentOfReserved) / 100),
      comparison: 'GreaterThanOrEqualToThreshold',
      periodSeconds: 60,
    });
  }
  return { alarms, requests: { ...api, metricName: 'Count' } };
}

export interface Ec2SignalsProps {
  albArnSuffix: string;
  targetGroupArnSuffix: string;
  groupName: string;
  minInstances: number;
  alarms: AlarmSettings;
}

/** The load balancer and its instances: ALB and target 5xx, p99 target response time, unhealthy hosts, in-service instances below the minimum. */
export function ec2GoldenSignals(p: Ec2SignalsProps): { alarms: AlarmSpec[]; requests: RequestRateMetric } {
  const alb = { namespace: 'AWS/ApplicationELB', dimensions: { LoadBalancer: p.albArnSuffix } };
  const targets = { namespace: 'AWS/ApplicationELB', dimensions: { LoadBalancer: p.albArnSuffix, TargetGroup: p.targetGroupArnSuffix } };
  const alarms: AlarmSpec[] = [
    {
      id: 'alb-5xx',
      title: 'ALB 5xx (its own)',
      why: `The load balancer itself answered ${p.alarms.errorsPerFiveMinutes} or more 5xx in 5 minutes (no healthy target, target reset or timeout).`,
      ...alb,
      metricName: 'HTTPCode_ELB_5XX_Count',
      statistic: 'Sum',
      threshold: p.alarms.errorsPerFiveMinutes,
      comparison: 'GreaterThanOrEqualToThreshold',
      periodSeconds: FIVE_MINUTES,
    },
    {
      id: TARGET_5XX_ALARM_ID,
      title: 'Target 5xx (the app)',
      why: `The app answered ${p.alarms.errorsPerFiveMinutes} or more 5xx in 5 minutes.`,
      ...targets,
      metricName: 'HTTPCode_Target_5XX_Count',
      statistic: 'Sum',
      threshold: p.alarms.errorsPerFiveMinutes,
      comparison: 'GreaterThanOrEqualToThreshold',
      periodSeconds: FIVE_MINUTES,
    },
    {
      id: 'target-response-time-p99',
      title: 'Target response time p99 (s)',
      why: `p99 response time of the app reached ${p.alarms.p99LatencyMs} ms.`,
      ...targets,
      metricName: 'TargetResponseTime',
      statistic: 'p99',
      threshold: p.alarms.p99LatencyMs / 1000,
      comparison: 'GreaterThanOrEqualToThreshold',
      periodSeconds: FIVE_MINUTES,
    },
    {
      id: 'unhealthy-hosts',
      title: 'Unhealthy targets',
      // The minimum over 5 minutes: a new instance still installing is unhealthy for a minute or two, which is no page.
      why: 'At least one instance has failed its /health check for 5 minutes straight.',
      ...targets,
      metricName: 'UnHealthyHostCount',
      statistic: 'Minimum',
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      periodSeconds: FIVE_MINUTES,
    },
  ];
  if (p.minInstances > 0) {
    alarms.push({
      id: 'in-service-below-minimum',
      title: 'Instances in service',
      why: `Fewer than the minimum of ${p.minInstances} instances are in service.`,
      namespace: 'AWS/AutoScaling',
      dimensions: { AutoScalingGroupName: p.groupName },
      metricName: 'GroupInServiceInstances',
      statistic: 'Minimum',
      threshold: p.minInstances,
      comparison: 'LessThanThreshold',
      periodSeconds: FIVE_MINUTES,
    });
  }
  return { alarms, requests: { ...alb, metricName: 'RequestCount' } };
}
