import type { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import type { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { REFRESH_VARIABLES } from '../../deploy-hooks/settings';
import { RolloutHook } from './rollout-hook';

export interface InstanceRefreshRolloutProps {
  region: string;
  group: AutoscalingGroup;
  launchTemplate: LaunchTemplate;
  /** Seconds a new instance needs before it counts (the group's health-check grace period). */
  warmupSeconds: number;
  /** The pause after half the instances are replaced (0: none). */
  checkpointDelaySeconds: number;
  /** Alarms that roll a refresh back; they exist before any refresh starts. */
  rollbackAlarms: CloudwatchMetricAlarm[];
}

/**
 * Rolls each new launch template version out with an instance refresh that
 * names it as the desired configuration (deploy-hooks/instance-refresh.ts):
 * the group's saved configuration changes only when the refresh succeeds, so
 * a rollback really returns to the previous version, AMI and build. With the
 * provider's own instance_refresh block the group is saved with the new
 * version first, and a rollback would return to that same version
 * (hashicorp/terraform-provider-aws#34189).
 */
export class InstanceRefreshRollout extends Construct {
  constructor(scope: Construct, id: string, props: InstanceRefreshRolloutProps) {
    super(scope, id);
    const settings: Record<keyof typeof REFRESH_VARIABLES, string> = {
      region: props.region,
      group: props.group.name,
      launchTemplateId: props.launchTemplate.id,
      targetVersion: props.launchTemplate.latestVersion.toString(),
      warmupSeconds: String(props.warmupSeconds),
      checkpointDelaySeconds: String(props.checkpointDelaySeconds),
      rollbackAlarms: props.rollbackAlarms.map((alarm) => alarm.alarmName).join(','),
    };
    new RolloutHook(this, 'hook', {
      kind: 'instance-refresh',
      // A new version, or (should the template ever be replaced) a new template.
      trigger: { launchTemplateId: settings.launchTemplateId, launchTemplateVersion: settings.targetVersion },
      variables: REFRESH_VARIABLES,
      settings,
      after: [props.group, ...props.rollbackAlarms],
    });
  }
}
