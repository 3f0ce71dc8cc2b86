import { INSTANCE_CPUS } from './instance-capacity';
import { defaultScalingTarget, type Environment, instanceCapacity, requestsPerInstanceAtTarget } from './resolve-environment';
import { architectureOfInstanceType } from './settings/ec2';
import type { DeclaredEnvironment } from './settings/environment';
import { ARCHITECTURES } from './settings/lambda';
import { CERTIFICATE_ARN } from './settings/domain';
import { show } from './settings/rules';

/**
 * Every rule that reads more than one setting, in one place. Each setting's own rule (its type and range)
 * is declared with it under settings/; these run after, on values of the right types (some may still be
 * out of range: their own messages say so), so a declaration gets all its problems at once.
 */

/** A problem with a field: `path` is where it shows (`ec2.minInstances`), `message` what follows it. */
export interface Problem {
  path: string;
  message: string;
}

/** The ALB waits this long for a /health answer before counting a failure. */
export const HEALTH_CHECK_TIMEOUT_SECONDS = 5;
/** How far apart a request-count scaling target (per instance) and the declared capacity may be. */
export const SCALING_CAPACITY_TOLERANCE = 2;
/** A CPU-utilization target is a percentage. */
const MAX_CPU_TARGET = 100;

type Check = (env: DeclaredEnvironment) => Problem | undefined;

const provisionedWithinReserved: Check = ({ lambda }) =>
  lambda.reservedConcurrency !== undefined && lambda.provisionedConcurrency > lambda.reservedConcurrency
    ? {
        path: 'lambda.provisionedConcurrency',
        message: `(${lambda.provisionedConcurrency}) must not exceed lambda.reservedConcurrency (${lambda.reservedConcurrency})`,
      }
    : undefined;

const typeMatchesArchitecture: Check = ({ ec2 }) => {
  const typeArchitecture = architectureOfInstanceType(ec2.instanceType);
  return typeArchitecture && ARCHITECTURES.includes(ec2.architecture) && typeArchitecture !== ec2.architecture
    ? { path: 'ec2.instanceType', message: `${ec2.instanceType} is an ${typeArchitecture} type, but ec2.architecture is ${ec2.architecture}` }
    : undefined;
};

const groupSizesInOrder: Check = ({ ec2: { minInstances: min, desiredInstances: desired, maxInstances: max } }) => {
  if (min > max) return { path: 'ec2.minInstances', message: `(${min}) must not exceed ec2.maxInstances (${max})` };
  if (desired < min || desired > max)
    return { path: 'ec2.desiredInstances', message: `(${desired}) must be from ec2.minInstances (${min}) to ec2.maxInstances (${max})` };
  return undefined;
};

const cpuTargetIsAPercentage: Check = ({ ec2: { scaling } }) =>
  scaling.metric === 'cpuUtilization' && scaling.target !== undefined && scaling.target > MAX_CPU_TARGET
    ? { path: 'ec2.scaling.target', message: `must be a number above 0 and at most ${MAX_CPU_TARGET} (got ${show(scaling.target)})` }
    : undefined;

const capacityKnown: Check = ({ ec2 }) =>
  // A type that is not one at all has its own message already.
  !instanceCapacity(ec2) && architectureOfInstanceType(ec2.instanceType)
    ? {
        path: 'ec2.capacityRequestsPerSecond',
        message: `has no default for ${show(ec2.instanceType)}: its CPUs are not in libs/environment-config/src/lib/instance-capacity.ts (types known: ${Object.keys(INSTANCE_CPUS).join(', ')}); declare what one instance serves, or add the type there`,
      }
    : undefined;

/**
 * The group scales to keep each instance at target ÷ 60 requests a second; a capacity far from it means the
 * fleet runs far more (or fewer) instances than the capacity says are needed, and the cost advisor with it.
 */
const targetAgreesWithCapacity: Check = ({ ec2 }) => {
  const capacity = instanceCapacity(ec2);
  const { metric, target } = ec2.scaling;
  if (!capacity || metric !== 'requestCountPerTarget' || target === undefined) return undefined;
  const atTarget = requestsPerInstanceAtTarget({ scaling: { metric, target }, capacityRequestsPerSecond: capacity.requestsPerSecond });
  const ratio = capacity.requestsPerSecond / atTarget;
  if (ratio <= SCALING_CAPACITY_TOLERANCE && ratio >= 1 / SCALING_CAPACITY_TOLERANCE) return undefined;
  const derived = capacity.basis === 'declared' ? '' : `, derived: ${capacity.basis}`;
  return {
    path: 'ec2.scaling.target',
    message: `(${target} requests per target per minute: ${Number(atTarget.toFixed(1))} req/s per instance) and ec2.capacityRequestsPerSecond (${capacity.requestsPerSecond}${derived}) disagree by ${Number((ratio >= 1 ? ratio : 1 / ratio).toFixed(1))}×, more than ${SCALING_CAPACITY_TOLERANCE}×: set the target to about capacity × 60 (${defaultScalingTarget('requestCountPerTarget', capacity.requestsPerSecond, ec2.instanceType)}), or the capacity to what an instance serves`,
  };
};

const zonesOfTheRegion: Check = ({ ec2: { availabilityZones: zones }, region }) =>
  zones && (new Set(zones).size !== 2 || !zones.every((zone) => new RegExp(`^${region}[a-z]$`).test(zone)))
    ? { path: 'ec2.availabilityZones', message: `must be two different zones of ${region}, such as ${region}a and ${region}b (got ${show(zones)})` }
    : undefined;

const drainOutlastsHealthChecks: Check = ({ ec2 }) => {
  const takenOutAfter = ec2.healthCheckIntervalSeconds * ec2.healthCheckUnhealthyThreshold + HEALTH_CHECK_TIMEOUT_SECONDS;
  return ec2.shutdownDrainSeconds < takenOutAfter
    ? {
        path: 'ec2.shutdownDrainSeconds',
        message: `(${ec2.shutdownDrainSeconds}) must be at least ec2.healthCheckIntervalSeconds × ec2.healthCheckUnhealthyThreshold + the ${HEALTH_CHECK_TIMEOUT_SECONDS} s check timeout (${takenOutAfter}): the load balancer must see /health fail before the app stops listening`,
      }
    : undefined;
};

const deregistrationWithinShutdown: Check = ({ ec2 }) =>
  ec2.deregistrationDelaySeconds > ec2.shutdownTimeoutSeconds
    ? {
        path: 'ec2.deregistrationDelaySeconds',
        message: `(${ec2.deregistrationDelaySeconds}) must not exceed ec2.shutdownTimeoutSeconds (${ec2.shutdownTimeoutSeconds}), or requests still draining are cut off`,
      }
    : undefined;

const oneCertificateSource: Check = ({ domain }) =>
  domain && (domain.hostedZoneName === undefined) === (domain.certificateArn === undefined)
    ? {
        path: 'domain',
        message: `needs exactly one of hostedZoneName (a Route 53 zone: the stack creates and validates the certificate) or certificateArn (an ACM certificate you have) (got ${domain.hostedZoneName === undefined ? 'neither' : 'both'})`,
      }
    : undefined;

const domainInItsZone: Check = ({ domain }) =>
  domain?.hostedZoneName !== undefined && domain.domainName !== domain.hostedZoneName && !domain.domainName.endsWith(`.${domain.hostedZoneName}`)
    ? { path: 'domain.domainName', message: `${domain.domainName} is not in domain.hostedZoneName ${domain.hostedZoneName}; name the zone that holds it` }
    : undefined;

const certificateInTheRegion: Check = ({ domain, region }) => {
  const certificateRegion = domain?.certificateArn === undefined ? undefined : CERTIFICATE_ARN.exec(domain.certificateArn)?.[2];
  return certificateRegion && certificateRegion !== region
    ? { path: 'domain.certificateArn', message: `is in ${certificateRegion}, but the certificate must be in the environment's region (${region})` }
    : undefined;
};

export const oneTrafficVolume = (traffic: { averageRps?: number; requestsPerMonth?: number }): string | undefined =>
  (traffic.averageRps === undefined) === (traffic.requestsPerMonth === undefined)
    ? `needs exactly one of averageRps or requestsPerMonth (got ${traffic.averageRps === undefined ? 'neither' : 'both'})`
    : undefined;

const trafficVolumeGiven: Check = ({ traffic }) => {
  const message = traffic && oneTrafficVolume(traffic);
  return message ? { path: 'traffic', message } : undefined;
};

/** Each rule across settings, with the sentence the configuration reference gives it. */
export const CROSS_FIELD_RULES: Array<{ says: string; check: Check }> = [
  { says: '`lambda.provisionedConcurrency` is at most `lambda.reservedConcurrency`, when that is set.', check: provisionedWithinReserved },
  { says: '`ec2.instanceType` is of `ec2.architecture` (Graviton types, with a `g` after the generation, are arm64).', check: typeMatchesArchitecture },
  { says: '`ec2.minInstances` ≤ `ec2.desiredInstances` ≤ `ec2.maxInstances`.', check: groupSizesInOrder },
  { says: `With \`ec2.scaling.metric\` \`cpuUtilization\`, \`ec2.scaling.target\` is at most ${MAX_CPU_TARGET}.`, check: cpuTargetIsAPercentage },
  {
    says: 'Without `ec2.capacityRequestsPerSecond`, `ec2.instanceType` is one whose CPUs `instance-capacity.ts` knows, so the capacity can be derived.',
    check: capacityKnown,
  },
  {
    says: `With \`requestCountPerTarget\` scaling, the target ÷ 60 and the capacity are within ${SCALING_CAPACITY_TOLERANCE}× of each other.`,
    check: targetAgreesWithCapacity,
  },
  { says: '`ec2.availabilityZones` are two different zones of `region`.', check: zonesOfTheRegion },
  {
    says: `\`ec2.shutdownDrainSeconds\` ≥ \`ec2.healthCheckIntervalSeconds\` × \`ec2.healthCheckUnhealthyThreshold\` + the ${HEALTH_CHECK_TIMEOUT_SECONDS} s check timeout.`,
    check: drainOutlastsHealthChecks,
  },
  { says: '`ec2.deregistrationDelaySeconds` ≤ `ec2.shutdownTimeoutSeconds`.', check: deregistrationWithinShutdown },
  { says: '`domain` has exactly one of `hostedZoneName` and `certificateArn`.', check: oneCertificateSource },
  { says: '`domain.domainName` is in `domain.hostedZoneName`.', check: domainInItsZone },
  { says: '`domain.certificateArn` is in `region`.', check: certificateInTheRegion },
  { says: '`traffic` has exactly one of `averageRps` and `requestsPerMonth`.', check: trafficVolumeGiven },
];

/** What one environment's settings say against each other. */
export function crossFieldProblems(env: DeclaredEnvironment): Problem[] {
  return CROSS_FIELD_RULES.map((rule) => rule.check(env)).filter((problem): problem is Problem => problem !== undefined);
}

/** What the environments say against each other, one sentence each: shared state, names that claim each other's resources. */
export function crossEnvironmentProblems(environments: Environment[]): string[] {
  return [...sharedStateProblems(environments), ...overlappingNameProblems(environments)];
}

/** S3 bucket names are global and a bucket lives in one region: two environments may share a state bucket only in the same region, never the same key. */
function sharedStateProblems(environments: Environment[]): string[] {
  const problems: string[] = [];
  const byBucket = new Map<string, Environment>();
  const byObject = new Map<string, Environment>();
  for (const env of environments) {
    if (!env.state) continue;
    const first = byBucket.get(env.state.bucket);
    if (first?.state && first.state.region !== env.state.region) {
      problems.push(
        `environment "${env.name}": state.bucket ${env.state.bucket} is also environment "${first.name}"'s state bucket in ${first.state.region}, but a bucket lives in one region; create one per region with infra/bootstrap/state-bucket`,
      );
    }
    const object = `${env.state.bucket}/${env.state.key}`;
    const sameKey = byObject.get(object);
    if (sameKey) problems.push(`environment "${env.name}": state ${object} is also environment "${sameKey.name}"'s; give each environment its own state.key`);
    if (!first) byBucket.set(env.state.bucket, env);
    if (!sameKey) byObject.set(object, env);
  }
  return problems;
}

/**
 * AWS names (and the deploy roles' IAM patterns, such as `greeter-<env>-*` and
 * `/aws/lambda/greeter-<env>*`) start with the environment's name: "prod" and
 * "prod-eu" or "prod2" would claim each other's resources, so no name may
 * start with another's.
 */
function overlappingNameProblems(environments: Environment[]): string[] {
  return environments.flatMap((env) =>
    environments
      .filter((other) => other !== env && env.name.startsWith(other.name))
      .map(
        (other) =>
          `environment "${env.name}": name starts with environment "${other.name}"'s name, so names of its resources (greeter-${env.name}…) would match "${other.name}"'s (greeter-${other.name}…) and its deploy role's permissions; rename one`,
      ),
  );
}
