import { cpuTargetPercent, derivedCapacity } from './instance-capacity';
import type { Ec2Declared, ScalingMetric } from './settings/ec2';
import type { DeclaredEnvironment } from './settings/environment';
import { resolveTraffic, type Traffic } from './settings/traffic';

/** ALBRequestCountPerTarget counts a minute's requests: a target of N holds each instance at N ÷ 60 a second. */
const REQUEST_COUNT_SECONDS = 60;

/** What one instance serves: as declared, or derived from the bench for a type whose CPUs are known; undefined otherwise. */
export function instanceCapacity(
  ec2: Pick<Ec2Declared, 'capacityRequestsPerSecond' | 'instanceType'>,
): { requestsPerSecond: number; basis: string } | undefined {
  if (ec2.capacityRequestsPerSecond !== undefined) return { requestsPerSecond: ec2.capacityRequestsPerSecond, basis: 'declared' };
  const derived = derivedCapacity(ec2.instanceType);
  return derived && { requestsPerSecond: derived.requestsPerSecond, basis: derived.derivation };
}

/**
 * The scaling target that keeps each instance at its capacity: capacity × 60 requests per target per minute,
 * or the CPU utilization the app reaches there (cpuTargetPercent).
 */
export function defaultScalingTarget(metric: ScalingMetric, capacityRequestsPerSecond: number, instanceType: string): number {
  return metric === 'cpuUtilization' ? cpuTargetPercent(instanceType) : Math.round(capacityRequestsPerSecond * REQUEST_COUNT_SECONDS);
}

/** Requests per second one instance takes when the group runs at its scaling target: the request-count target itself, or the capacity at the CPU target. */
export function requestsPerInstanceAtTarget(sizing: { scaling: { metric: ScalingMetric; target: number }; capacityRequestsPerSecond: number }): number {
  return sizing.scaling.metric === 'requestCountPerTarget' ? sizing.scaling.target / REQUEST_COUNT_SECONDS : sizing.capacityRequestsPerSecond;
}

/** The EC2 settings with what follows from others worked out: zones from the region, capacity from the type, the target from the capacity. */
function resolveEc2(ec2: Ec2Declared, region: string) {
  const capacity = instanceCapacity(ec2);
  // cross-field-rules.ts refuses a type with no capacity before this runs.
  if (!capacity) throw new Error(`no capacity for ${ec2.instanceType}: validate before resolving`);
  return {
    ...ec2,
    availabilityZones: ec2.availabilityZones ?? [`${region}a`, `${region}b`],
    capacityRequestsPerSecond: capacity.requestsPerSecond,
    capacityBasis: capacity.basis,
    scaling: {
      metric: ec2.scaling.metric,
      target: ec2.scaling.target ?? defaultScalingTarget(ec2.scaling.metric, capacity.requestsPerSecond, ec2.instanceType),
    },
  };
}

/** A declared environment, checked field by field and across fields, with everything computed from others worked out. */
export function resolveEnvironment(declared: DeclaredEnvironment) {
  const { ec2, state, traffic, ...rest } = declared;
  return {
    ...rest,
    ec2: resolveEc2(ec2, declared.region),
    ...(state ? { state: { bucket: state.bucket, key: state.key ?? `greeter/${declared.name}.tfstate`, region: state.region ?? declared.region } } : {}),
    ...(traffic ? { traffic: resolveTraffic(traffic) as Traffic } : {}),
  };
}

export type Environment = ReturnType<typeof resolveEnvironment>;
export type Ec2Sizing = Environment['ec2'];
