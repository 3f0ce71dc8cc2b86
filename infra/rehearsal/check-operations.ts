import { DescribeAlarmsCommand, GetDashboardCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import type { Environment } from '@greeter/environment-config';
import { stackName } from '../src/greeter-stack';
import { alarmName } from '../src/operations/alarm-spec';
import type { EmulatorClients } from './aws-clients';
import type { Check } from './checks';
import type { StateResource } from './resource-probes';

/** Every alarm notifies the environment's topic on ALARM and on OK, and the dashboard graphs each alarm's metric and the request rate. */
export async function checkOperations(aws: EmulatorClients, state: StateResource[], check: Check): Promise<void> {
  const topic = state.find((r) => r.type === 'aws_sns_topic')?.values;
  const names = state.filter((r) => r.type === 'aws_cloudwatch_metric_alarm').map((r) => r.values.alarm_name as string);
  const alarms = (await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: names }))).MetricAlarms ?? [];
  const silent = alarms.filter((a) => !a.AlarmActions?.includes(topic?.arn) || !a.OKActions?.includes(topic?.arn)).map((a) => a.AlarmName);
  check(
    `all ${names.length} golden-signal alarms notify the alarm topic on ALARM and on OK`,
    names.length >= 5 && alarms.length === names.length && silent.length === 0,
    silent.join(', '),
  );
  const dashboardName = state.find((r) => r.type === 'aws_cloudwatch_dashboard')?.values.dashboard_name;
  const body = JSON.parse((await aws.cloudwatch.send(new GetDashboardCommand({ DashboardName: dashboardName }))).DashboardBody ?? '{}');
  const graphed = new Set((body.widgets ?? []).flatMap((w: any) => w.properties.metrics.map((m: string[]) => m[1])));
  const missing = alarms.filter((a) => !graphed.has(a.MetricName)).map((a) => a.MetricName);
  check(
    `dashboard ${dashboardName} graphs the request rate and every alarm's metric`,
    (body.widgets?.length ?? 0) === alarms.length + 1 && missing.length === 0,
    missing.join(', '),
  );
}

/** Puts one of the environment's alarms in ALARM (as a bad release would) or back to OK, on either compute. */
export async function setAlarm(aws: EmulatorClients, env: Environment, alarmId: string, state: 'ALARM' | 'OK'): Promise<void> {
  await aws.cloudwatch.send(
    new SetAlarmStateCommand({ AlarmName: alarmName(stackName(env), { id: alarmId }), StateValue: state, StateReason: `rehearsal: ${state}` }),
  );
}
