import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { Compute, Environment } from '@greeter/environment-config';
import { Aspects, type TerraformStack, TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { GreeterArtifacts } from '../artifacts';
import type { AliasTarget, DomainCertificate } from '../constructs/domain-certificate';
import type { AlarmSpec, RequestRateMetric } from '../operations/alarm-spec';

/** What both computes build from: the stack they add to, the environment, the build, and the shared pieces. */
export interface ComputeContext {
  stack: TerraformStack;
  /** `greeter-<env>`, the prefix of every name. */
  name: string;
  env: Environment;
  artifacts: GreeterArtifacts;
  permissionsBoundaryArn: string;
  /** The custom domain's certificate, when the environment has a domain: one for whichever front end serves it. */
  certificate?: DomainCertificate;
}

/** What a compute adds to the stack, and what the stack finishes it with. */
export interface ComputeParts {
  /** Its own front end's URL (the domain, when there is one, is the stack's to point). */
  url: string;
  /** Where the domain's record points to reach its front end, when there is a domain. */
  front?: AliasTarget;
  /** Its golden-signal alarms and the request rate the dashboard shows. */
  signals: { alarms: AlarmSpec[]; requests: RequestRateMetric };
  /** Adds what watches the environment's alarms: the rollout that rolls back on them. */
  withAlarms(alarms: CloudwatchMetricAlarm[]): void;
}

/** The tags every resource carries: the environment's own, then the platform's, which win. */
export const standardTags = (env: Environment): Record<string, string> => ({
  ...env.tags,
  app: 'greeter',
  environment: env.name,
  'managed-by': 'cdktf',
});

/**
 * Tags every resource under `scopes` with the compute it belongs to. Per resource, not the provider's
 * default: during a switch both computes run in one stack, and neither's tags change when it ends.
 */
export function tagCompute(compute: Compute, ...scopes: IConstruct[]): void {
  const aspect = {
    visit(node: IConstruct) {
      if (!(node instanceof TerraformResource) || !('tagsInput' in node)) return;
      const taggable = node as TerraformResource & { tags: Record<string, string>; tagsInput?: Record<string, string> };
      taggable.tags = { ...taggable.tagsInput, compute };
    },
  };
  for (const scope of scopes) Aspects.of(scope).add(aspect);
}
