/**
 * Where the emulator (moto 5.2.1) differs from AWS in a way the rehearsal can
 * see: a re-plan right after apply shows these attributes changing (moto did
 * not store them, so Terraform wants to set them again), or the rehearsal's
 * copy of the stack has to differ. Nothing else may show up in a re-plan. The
 * docs/rehearsal.md lists the same entries.
 */
export interface EmulatorGap {
  resourceType: string;
  /** Top-level attributes a re-plan may show changing because of this gap. */
  attributes: string[];
  why: string;
}

export const EMULATOR_GAPS: EmulatorGap[] = [
  {
    resourceType: 'aws_lambda_function',
    attributes: ['logging_config', 'version', 'qualified_arn', 'qualified_invoke_arn'],
    why: "moto does not store a function's logging_config (JSON logs, own log group), so every plan sets it again; with publish on, that update would publish a version",
  },
  { resourceType: 'aws_lambda_alias', attributes: ['function_version'], why: 'follows the version the function update above would publish' },
  {
    resourceType: 'terraform_data',
    attributes: ['(whole resource)'],
    why: 'the deployment hook runs again for each new version: it follows the Lambda version, or the launch template version, that the gaps above would publish',
  },
  {
    resourceType: 'aws_launch_template',
    attributes: ['tag_specifications', 'latest_version', 'default_version'],
    why: "moto does not store a launch template's tag specifications, so every plan sets them again in a new version",
  },
  { resourceType: 'aws_autoscaling_group', attributes: ['launch_template'], why: 'follows the launch template version above' },
  {
    resourceType: 'aws_autoscaling_group',
    attributes: ['capacity_reservation_specification'],
    why: "moto does not return a group's capacity reservation preference (the provider sets AWS's default)",
  },
  {
    resourceType: 'aws_autoscaling_policy',
    attributes: ['enabled', 'predictive_scaling_configuration'],
    why: "moto does not return a scaling policy's Enabled flag or its empty predictive configuration",
  },
  {
    resourceType: 'aws_vpc_security_group_ingress_rule',
    attributes: ['description', 'referenced_security_group_id'],
    why: 'moto does not store security group rule descriptions, nor return the security group a rule references',
  },
  {
    resourceType: 'aws_vpc_security_group_egress_rule',
    attributes: ['description', 'referenced_security_group_id'],
    why: 'moto does not store security group rule descriptions, nor return the security group a rule references',
  },
  {
    resourceType: 'aws_s3_bucket_policy',
    attributes: [],
    why: "moto evaluates policy conditions without request context, so a Deny on aws:SecureTransport = false denies every request, over TLS too; the rehearsal's copy leaves out that one statement (the stacks keep it, and tests assert it)",
  },
];

export interface Drift {
  address: string;
  actions: string[];
  attributes: string[];
}

/** The top-level attributes a planned update changes (set to a different value, or to one known only after apply). */
function changedAttributes(change: any): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const unknown = change.after_unknown ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => unknown[key] === true || JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)).sort();
}

/** What a plan would change, split into what the emulator's gaps explain and what they do not. */
export function planDrift(plan: any): { explained: Drift[]; unexplained: Drift[] } {
  const explained: Drift[] = [];
  const unexplained: Drift[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const actions: string[] = rc.change.actions;
    if (actions.every((action) => action === 'no-op' || action === 'read')) continue;
    const attributes = actions.includes('update') && actions.length === 1 ? changedAttributes(rc.change) : ['(whole resource)'];
    const allowed = new Set(EMULATOR_GAPS.filter((gap) => gap.resourceType === rc.type).flatMap((gap) => gap.attributes));
    (attributes.every((attribute) => allowed.has(attribute)) ? explained : unexplained).push({ address: rc.address, actions, attributes });
  }
  return { explained, unexplained };
}
