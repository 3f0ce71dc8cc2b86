import type { Environment } from '@greeter/environment-config';
import type { TerraformStack } from 'cdktf';
import type { GreeterArtifacts } from '../artifacts';
import type { AlarmsAndDashboard } from '../constructs/alarms-and-dashboard';
import type { AlarmSpec, RequestRateMetric } from '../operations/alarm-spec';

/** What both computes build from: the stack they add to, the environment, the build, and the shared pieces. */
export interface ComputeContext {
  stack: TerraformStack;
  /** `greeter-<env>`, the prefix of every name. */
  name: string;
  env: Environment;
  artifacts: GreeterArtifacts;
  permissionsBoundaryArn: string;
  /** The golden-signal alarms, their topic and the dashboard, with their outputs. */
  operations(signals: { alarms: AlarmSpec[]; requests: RequestRateMetric }): AlarmsAndDashboard;
}

/** The tags every resource carries: the environment's own, then the platform's, which win. */
export const standardTags = (env: Environment): Record<string, string> => ({
  ...env.tags,
  app: 'greeter',
  environment: env.name,
  compute: env.compute,
  'managed-by': 'cdktf',
});
