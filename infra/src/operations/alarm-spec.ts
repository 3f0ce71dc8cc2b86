/** One golden-signal alarm: what it watches, when it fires, and why it matters. The dashboard is drawn from the same list. */
export interface AlarmSpec {
  /** Short, unique within the stack: names the alarm `<stack>-<id>`. */
  id: string;
  /** Title of its dashboard graph. */
  title: string;
  /** Why someone is woken up: the alarm's description. */
  why: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  statistic: 'Sum' | 'Maximum' | 'Minimum' | 'p99';
  threshold: number;
  comparison: 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold';
  /** Seconds per datapoint; the alarm fires on one breaching datapoint. */
  periodSeconds: number;
}

/** The metric a dashboard shows first: requests per period. */
export interface RequestRateMetric {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

export const FIVE_MINUTES = 300;

/** An alarm's name: the stack's, then its id (the rehearsal trips alarms by it). */
export const alarmName = (stack: string, spec: Pick<AlarmSpec, 'id'>): string => `${stack}-${spec.id}`;
