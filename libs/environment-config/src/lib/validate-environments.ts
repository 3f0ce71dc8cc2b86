import {
  ALARM_DEFAULTS,
  type AlarmSettings,
  ARCHITECTURES,
  COMPUTES,
  type DomainConfig,
  EC2_DEFAULTS,
  HEALTH_CHECK_TIMEOUT_SECONDS,
  type Environment,
  type EnvironmentDeclaration,
  LAMBDA_DEFAULTS,
  LAMBDA_DEPLOYMENT_STRATEGIES,
  defaultScalingTarget,
  requestsPerInstanceAtTarget,
  resolveEnvironment,
  SCALING_METRICS,
  type TrafficDeclaration,
} from './environment';
import { INSTANCE_CPUS } from './instance-capacity';

/** Every problem found in the declared environments, one plain sentence each. */
export class EnvironmentConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment config has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvironmentConfigError';
  }
}

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/**
 * The longest environment name every generated AWS name still fits: the stacks
 * name buckets with the prefix `greeter-<env>-artifacts-`, and S3 leaves 37
 * characters for a prefix (63 less Terraform's 26-character unique suffix).
 * infra's tests synthesize a name this long and run `terraform validate` on it.
 */
export const MAX_ENVIRONMENT_NAME_LENGTH = 18;
/** How far apart a request-count scaling target (per instance) and the declared capacity may be. */
export const SCALING_CAPACITY_TOLERANCE = 2;
/** AWS allows 50 tags on a resource; the stacks add app, environment, compute, managed-by and, on instances, Name. */
const MAX_OWN_TAGS = 45;
/** Lower-case letters, digits and dashes, starting with a letter and not ending with a dash (load balancer names may not). */
const NAME = new RegExp(`^[a-z]([a-z0-9-]{0,${MAX_ENVIRONMENT_NAME_LENGTH - 2}}[a-z0-9])?$`);
/** An AWS region's name: us-east-1, eu-west-1, us-gov-west-1. */
export const AWS_REGION_NAME = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const INSTANCE_TYPE = /^([a-z]+)(\d+)([a-z-]*)\.([a-z0-9]+)$/;
const CERTIFICATE_ARN = /^arn:aws(-[a-z]+)*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const TOP_LEVEL_FIELDS = ['name', 'region', 'accountId', 'compute', 'lambda', 'ec2', 'domain', 'tags', 'logRetentionDays', 'state', 'traffic', 'alarms'];
const ALARM_FIELDS = Object.keys(ALARM_DEFAULTS);
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
/** Each traffic setting and the unit its messages name. */
const TRAFFIC_UNITS: Record<keyof TrafficDeclaration, string> = {
  averageRps: 'requests per second',
  requestsPerMonth: 'requests per month',
  peakRps: 'requests per second',
  averageDurationMs: 'milliseconds',
  averageResponseBytes: 'bytes',
};
const TRAFFIC_FIELDS = Object.keys(TRAFFIC_UNITS);
const LAMBDA_FIELDS = [...Object.keys(LAMBDA_DEFAULTS), 'reservedConcurrency'];
const EC2_FIELDS = [...Object.keys(EC2_DEFAULTS), 'availabilityZones', 'amiId', 'capacityRequestsPerSecond'];
const AMI_ID = /^ami-[0-9a-f]{8}([0-9a-f]{9})?$/;

type Problems = string[];

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

function wholeNumber(problems: Problems, where: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.push(`${where} must be a whole number from ${min} to ${max} (got ${show(value)})`);
  }
}

function oneOf(problems: Problems, where: string, value: unknown, allowed: readonly unknown[]): void {
  if (!allowed.includes(value)) problems.push(`${where} must be one of ${allowed.join(', ')} (got ${show(value)})`);
}

function knownFields(problems: Problems, where: string, value: unknown, known: string[]): void {
  if (!isObject(value)) {
    problems.push(`${where} must be an object (got ${show(value)})`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) problems.push(`${where}.${key} is not a known setting; known settings are ${known.join(', ')}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Graviton families carry a `g` after the generation: t4g, m7g, c7gn. */
export function architectureOfInstanceType(instanceType: string): 'arm64' | 'x86_64' | undefined {
  const match = INSTANCE_TYPE.exec(instanceType);
  if (!match) return undefined;
  return match[3].includes('g') ? 'arm64' : 'x86_64';
}

function validateLambda(problems: Problems, env: string, lambda: Environment['lambda'], declared: unknown): void {
  const at = (field: string) => `environment "${env}": lambda.${field}`;
  if (declared !== undefined) knownFields(problems, `environment "${env}": lambda`, declared, LAMBDA_FIELDS);
  wholeNumber(problems, at('memoryMb'), lambda.memoryMb, 128, 10_240);
  wholeNumber(problems, at('timeoutSeconds'), lambda.timeoutSeconds, 1, 900);
  oneOf(problems, at('architecture'), lambda.architecture, ARCHITECTURES);
  if (lambda.reservedConcurrency !== undefined) wholeNumber(problems, at('reservedConcurrency'), lambda.reservedConcurrency, 0, 100_000);
  wholeNumber(problems, at('provisionedConcurrency'), lambda.provisionedConcurrency, 0, 100_000);
  if (lambda.reservedConcurrency !== undefined && lambda.provisionedConcurrency > lambda.reservedConcurrency) {
    problems.push(
      `${at('provisionedConcurrency')} (${lambda.provisionedConcurrency}) must not exceed lambda.reservedConcurrency (${lambda.reservedConcurrency})`,
    );
  }
  if (typeof lambda.throttle.rateLimit !== 'number' || !(lambda.throttle.rateLimit > 0)) {
    problems.push(`${at('throttle.rateLimit')} must be a number of requests per second above 0 (got ${show(lambda.throttle.rateLimit)})`);
  }
  wholeNumber(problems, at('throttle.burstLimit'), lambda.throttle.burstLimit, 0, 1_000_000);
  oneOf(problems, at('deploymentStrategy'), lambda.deploymentStrategy, LAMBDA_DEPLOYMENT_STRATEGIES);
}

function validateEc2(problems: Problems, env: string, region: string, ec2: Environment['ec2'], declared: unknown): void {
  const at = (field: string) => `environment "${env}": ec2.${field}`;
  if (declared !== undefined) knownFields(problems, `environment "${env}": ec2`, declared, EC2_FIELDS);
  oneOf(problems, at('architecture'), ec2.architecture, ARCHITECTURES);
  const typeArchitecture = typeof ec2.instanceType === 'string' ? architectureOfInstanceType(ec2.instanceType) : undefined;
  if (typeArchitecture === undefined) {
    problems.push(`${at('instanceType')} must be an EC2 instance type such as t4g.small or m7g.large (got ${show(ec2.instanceType)})`);
  } else if (ARCHITECTURES.includes(ec2.architecture) && typeArchitecture !== ec2.architecture) {
    problems.push(`${at('instanceType')} ${ec2.instanceType} is an ${typeArchitecture} type, but ec2.architecture is ${ec2.architecture}`);
  }
  wholeNumber(problems, at('minInstances'), ec2.minInstances, 0, 1000);
  wholeNumber(problems, at('maxInstances'), ec2.maxInstances, 1, 1000);
  wholeNumber(problems, at('desiredInstances'), ec2.desiredInstances, 0, 1000);
  if (ec2.minInstances > ec2.maxInstances) {
    problems.push(`environment "${env}": ec2.minInstances (${ec2.minInstances}) must not exceed ec2.maxInstances (${ec2.maxInstances})`);
  } else if (ec2.desiredInstances < ec2.minInstances || ec2.desiredInstances > ec2.maxInstances) {
    problems.push(
      `${at('desiredInstances')} (${ec2.desiredInstances}) must be from ec2.minInstances (${ec2.minInstances}) to ec2.maxInstances (${ec2.maxInstances})`,
    );
  }
  oneOf(problems, at('scaling.metric'), ec2.scaling.metric, SCALING_METRICS);
  const maxTarget = ec2.scaling.metric === 'cpuUtilization' ? 100 : 1_000_000;
  // A target nobody set follows from the capacity: only the capacity can be wrong, and its message says so.
  const targetDeclared = isObject(declared) && isObject(declared['scaling']) && declared['scaling']['target'] !== undefined;
  if (targetDeclared && (typeof ec2.scaling.target !== 'number' || !(ec2.scaling.target > 0) || ec2.scaling.target > maxTarget)) {
    problems.push(`${at('scaling.target')} must be a number above 0 and at most ${maxTarget} (got ${show(ec2.scaling.target)})`);
  }
  if (ec2.capacityBasis === 'none') {
    // A type that is not one at all has its own message already.
    if (typeArchitecture !== undefined)
      problems.push(
        `${at('capacityRequestsPerSecond')} has no default for ${show(ec2.instanceType)}: its CPUs are not in libs/environment-config/src/lib/instance-capacity.ts (types known: ${Object.keys(INSTANCE_CPUS).join(', ')}); declare what one instance serves, or add the type there`,
      );
  } else if (typeof ec2.capacityRequestsPerSecond !== 'number' || !(ec2.capacityRequestsPerSecond > 0)) {
    problems.push(`${at('capacityRequestsPerSecond')} must be a number above 0 (got ${show(ec2.capacityRequestsPerSecond)})`);
  } else if (ec2.scaling.metric === 'requestCountPerTarget' && typeof ec2.scaling.target === 'number' && ec2.scaling.target > 0) {
    // The group scales to keep each instance at target ÷ 60 requests a second; a capacity far from it means
    // the fleet runs far more (or fewer) instances than the capacity says are needed, and the cost advisor with it.
    const atTarget = requestsPerInstanceAtTarget(ec2);
    const ratio = ec2.capacityRequestsPerSecond / atTarget;
    if (ratio > SCALING_CAPACITY_TOLERANCE || ratio < 1 / SCALING_CAPACITY_TOLERANCE) {
      problems.push(
        `${at('scaling.target')} (${ec2.scaling.target} requests per target per minute: ${Number(atTarget.toFixed(1))} req/s per instance) and ec2.capacityRequestsPerSecond (${ec2.capacityRequestsPerSecond}${ec2.capacityBasis === 'declared' ? '' : `, derived: ${ec2.capacityBasis}`}) disagree by ${Number((ratio >= 1 ? ratio : 1 / ratio).toFixed(1))}×, more than ${SCALING_CAPACITY_TOLERANCE}×: set the target to about capacity × 60 (${defaultScalingTarget('requestCountPerTarget', ec2.capacityRequestsPerSecond, ec2.instanceType)}), or the capacity to what an instance serves`,
      );
    }
  }
  const zones = ec2.availabilityZones;
  if (
    !Array.isArray(zones) ||
    zones.length !== 2 ||
    new Set(zones).size !== 2 ||
    !zones.every((z) => typeof z === 'string' && new RegExp(`^${region}[a-z]$`).test(z))
  ) {
    problems.push(`${at('availabilityZones')} must be two different zones of ${region}, such as ${region}a and ${region}b (got ${show(zones)})`);
  }
  for (const flag of ['createNatGateway', 'createSsmEndpoints', 'enableDeletionProtection', 'emptyBucketsOnDestroy'] as const) {
    if (typeof ec2[flag] !== 'boolean') problems.push(`${at(flag)} must be true or false (got ${show(ec2[flag])})`);
  }
  wholeNumber(problems, at('rootVolumeGb'), ec2.rootVolumeGb, 8, 16_384);
  wholeNumber(problems, at('appPort'), ec2.appPort, 1024, 65_535);
  wholeNumber(problems, at('healthCheckGracePeriodSeconds'), ec2.healthCheckGracePeriodSeconds, 0, 7200);
  wholeNumber(problems, at('shutdownTimeoutSeconds'), ec2.shutdownTimeoutSeconds, 1, 600);
  wholeNumber(problems, at('deregistrationDelaySeconds'), ec2.deregistrationDelaySeconds, 0, 3600);
  wholeNumber(problems, at('healthCheckIntervalSeconds'), ec2.healthCheckIntervalSeconds, 6, 300);
  wholeNumber(problems, at('healthCheckUnhealthyThreshold'), ec2.healthCheckUnhealthyThreshold, 2, 10);
  wholeNumber(problems, at('shutdownDrainSeconds'), ec2.shutdownDrainSeconds, 0, 600);
  const takenOutAfter = ec2.healthCheckIntervalSeconds * ec2.healthCheckUnhealthyThreshold + HEALTH_CHECK_TIMEOUT_SECONDS;
  if (ec2.shutdownDrainSeconds < takenOutAfter) {
    problems.push(
      `${at('shutdownDrainSeconds')} (${ec2.shutdownDrainSeconds}) must be at least ec2.healthCheckIntervalSeconds × ec2.healthCheckUnhealthyThreshold + the ${HEALTH_CHECK_TIMEOUT_SECONDS} s check timeout (${takenOutAfter}): the load balancer must see /health fail before the app stops listening`,
    );
  }
  if (ec2.deregistrationDelaySeconds > ec2.shutdownTimeoutSeconds) {
    problems.push(
      `${at('deregistrationDelaySeconds')} (${ec2.deregistrationDelaySeconds}) must not exceed ec2.shutdownTimeoutSeconds (${ec2.shutdownTimeoutSeconds}), or requests still draining are cut off`,
    );
  }
  oneOf(problems, at('accessLogRetentionDays'), ec2.accessLogRetentionDays, LOG_RETENTION_DAYS);
  const declaredWaf = isObject(declared) ? declared['waf'] : undefined;
  if (isObject(declaredWaf)) knownFields(problems, `environment "${env}": ec2.waf`, declaredWaf, Object.keys(EC2_DEFAULTS.waf));
  else if (declaredWaf !== undefined) problems.push(`${at('waf')} must be an object (got ${show(declaredWaf)})`);
  for (const flag of ['enabled', 'countOnly'] as const) {
    if (typeof ec2.waf[flag] !== 'boolean') problems.push(`${at(`waf.${flag}`)} must be true or false (got ${show(ec2.waf[flag])})`);
  }
  wholeNumber(problems, at('waf.rateLimitPerFiveMinutes'), ec2.waf.rateLimitPerFiveMinutes, 10, 2_000_000_000);
  if (ec2.amiId !== undefined && (typeof ec2.amiId !== 'string' || !AMI_ID.test(ec2.amiId))) {
    problems.push(`${at('amiId')} must be an AMI id such as ami-0123456789abcdef0, or left out to use the newest Amazon Linux 2023 (got ${show(ec2.amiId)})`);
  }
  // AWS allows up to 2 days; a refresh that waits longer than an hour holds up every later deploy's refresh.
  wholeNumber(problems, at('refreshCheckpointDelaySeconds'), ec2.refreshCheckpointDelaySeconds, 0, 3_600);
}

/** Checks one declaration; returns it with the defaults filled in, unless its sections are not even objects. */
function validateOne(problems: Problems, declared: Record<string, unknown>, index: number): Environment | undefined {
  const name = typeof declared['name'] === 'string' ? declared['name'] : `#${index + 1}`;
  const env = `environment "${name}"`;
  knownFields(problems, env, declared, TOP_LEVEL_FIELDS);
  if (typeof declared['name'] !== 'string' || !NAME.test(declared['name'])) {
    problems.push(
      `${env}: name must be 1 to ${MAX_ENVIRONMENT_NAME_LENGTH} lower-case letters, digits or dashes, starting with a letter and not ending with a dash (got ${show(declared['name'])})`,
    );
  }
  const region = declared['region'];
  if (typeof region !== 'string' || !AWS_REGION_NAME.test(region)) {
    problems.push(`${env}: region must be an AWS region such as us-east-1 or eu-west-1 (got ${show(region)})`);
  }
  const accountId = declared['accountId'];
  if (accountId !== undefined && (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId))) {
    problems.push(
      `${env}: accountId must be the 12-digit AWS account id the environment deploys to, as a string such as "210987654321" (got ${show(accountId)})`,
    );
  }
  oneOf(problems, `${env}: compute`, declared['compute'], COMPUTES);
  const notObjects = (['lambda', 'ec2', 'domain', 'tags', 'state', 'traffic', 'alarms'] as const).filter(
    (section) => declared[section] !== undefined && !isObject(declared[section]),
  );
  for (const section of notObjects) problems.push(`${env}: ${section} must be an object (got ${show(declared[section])})`);
  // The checks below read inside these sections.
  if (notObjects.length > 0) return undefined;

  const resolved = resolveEnvironment(declared as unknown as EnvironmentDeclaration);
  validateLambda(problems, name, resolved.lambda, declared['lambda']);
  if (typeof region === 'string' && AWS_REGION_NAME.test(region)) validateEc2(problems, name, region, resolved.ec2, declared['ec2']);
  oneOf(problems, `${env}: logRetentionDays`, resolved.logRetentionDays, LOG_RETENTION_DAYS);

  if (resolved.domain) problems.push(...domainProblems(env, String(region), resolved.domain, declared['domain']));
  for (const [key, value] of Object.entries(resolved.tags)) {
    if (typeof value !== 'string' || key.length > 128 || value.length > 256 || key.toLowerCase().startsWith('aws:')) {
      problems.push(`${env}: tags.${key} must be a string of at most 256 characters, under a key of at most 128 that does not start with "aws:"`);
    }
  }
  problems.push(...alarmProblems(env, resolved.alarms, declared['alarms']));
  const tagCount = Object.keys(resolved.tags).length;
  if (tagCount > MAX_OWN_TAGS) {
    problems.push(
      `${env}: tags has ${tagCount} entries, but AWS allows 50 tags per resource and the platform adds 5 of its own (app, environment, compute, managed-by, Name): give at most ${MAX_OWN_TAGS}`,
    );
  }
  if (declared['traffic'] !== undefined) problems.push(...trafficProblems(declared['traffic'], `${env}: traffic`));
  if (resolved.state) {
    if (!BUCKET.test(String(resolved.state.bucket))) {
      problems.push(`${env}: state.bucket must be an S3 bucket name: 3 to 63 lower-case letters, digits, dots or dashes (got ${show(resolved.state.bucket)})`);
    }
    if (typeof resolved.state.key !== 'string' || resolved.state.key === '' || resolved.state.key.startsWith('/')) {
      problems.push(`${env}: state.key must be a path such as greeter/${name}.tfstate, without a leading "/" (got ${show(resolved.state.key)})`);
    }
    if (!AWS_REGION_NAME.test(String(resolved.state.region))) {
      problems.push(`${env}: state.region must be an AWS region such as us-east-1 (got ${show(resolved.state.region)})`);
    }
  }
  return resolved;
}

function alarmProblems(env: string, alarms: AlarmSettings, declared: unknown): string[] {
  const problems: string[] = [];
  const at = (field: string) => `${env}: alarms.${field}`;
  if (declared !== undefined) knownFields(problems, `${env}: alarms`, declared, ALARM_FIELDS);
  if (!Array.isArray(alarms.notifyEmails) || !alarms.notifyEmails.every((email) => typeof email === 'string' && EMAIL.test(email))) {
    problems.push(`${at('notifyEmails')} must be a list of email addresses such as ["oncall@your-company.com"] (got ${show(alarms.notifyEmails)})`);
  } else if (new Set(alarms.notifyEmails.map((e) => e.toLowerCase())).size !== alarms.notifyEmails.length) {
    problems.push(`${at('notifyEmails')} names an address twice (got ${show(alarms.notifyEmails)})`);
  }
  wholeNumber(problems, at('errorsPerFiveMinutes'), alarms.errorsPerFiveMinutes, 1, 1_000_000);
  wholeNumber(problems, at('p99LatencyMs'), alarms.p99LatencyMs, 10, 900_000);
  wholeNumber(problems, at('durationPercentOfTimeout'), alarms.durationPercentOfTimeout, 10, 100);
  wholeNumber(problems, at('concurrencyPercentOfReserved'), alarms.concurrencyPercentOfReserved, 10, 100);
  return problems;
}

function domainProblems(env: string, region: string, domain: DomainConfig, declared: unknown): string[] {
  const problems: string[] = [];
  knownFields(problems, `${env}: domain`, declared, ['domainName', 'hostedZoneName', 'certificateArn']);
  const domainName = domain.domainName;
  if (typeof domainName !== 'string' || !DOMAIN.test(domainName)) {
    problems.push(`${env}: domain.domainName must be a lower-case host name such as api.example.com (got ${show(domainName)})`);
  }
  if ((domain.hostedZoneName === undefined) === (domain.certificateArn === undefined)) {
    problems.push(
      `${env}: domain needs exactly one of hostedZoneName (a Route 53 zone: the stack creates and validates the certificate) or certificateArn (an ACM certificate you have) (got ${domain.hostedZoneName === undefined ? 'neither' : 'both'})`,
    );
  }
  if (domain.hostedZoneName !== undefined) {
    const zone = domain.hostedZoneName;
    if (typeof zone !== 'string' || !DOMAIN.test(zone)) {
      problems.push(`${env}: domain.hostedZoneName must be a lower-case zone name such as example.com (got ${show(zone)})`);
    } else if (typeof domainName === 'string' && domainName !== zone && !domainName.endsWith(`.${zone}`)) {
      problems.push(`${env}: domain.domainName ${domainName} is not in domain.hostedZoneName ${zone}; name the zone that holds it`);
    }
  }
  if (domain.certificateArn !== undefined) {
    const arn = CERTIFICATE_ARN.exec(String(domain.certificateArn));
    if (!arn) {
      problems.push(
        `${env}: domain.certificateArn must be an ACM certificate ARN such as arn:aws:acm:${region}:<account-id>:certificate/<uuid> (got ${show(domain.certificateArn)})`,
      );
    } else if (arn[2] !== region) {
      problems.push(`${env}: domain.certificateArn is in ${arn[2]}, but the certificate must be in the environment's region (${region})`);
    }
  }
  return problems;
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

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * What is wrong with a traffic declaration, one sentence each (empty when it is valid).
 * `where` names it in the messages, e.g. `environment "prod": traffic`.
 */
export function trafficProblems(traffic: unknown, where: string): string[] {
  const problems: string[] = [];
  if (!isObject(traffic)) return [`${where} must be an object (got ${show(traffic)})`];
  knownFields(problems, where, traffic, TRAFFIC_FIELDS);
  const hasAverage = traffic['averageRps'] !== undefined;
  const hasMonthly = traffic['requestsPerMonth'] !== undefined;
  if (hasAverage === hasMonthly) {
    problems.push(`${where} needs exactly one of averageRps or requestsPerMonth (got ${hasAverage ? 'both' : 'neither'})`);
  }
  for (const [field, unit] of Object.entries(TRAFFIC_UNITS)) {
    const value = traffic[field];
    const optional = field === 'averageRps' || field === 'requestsPerMonth';
    if (value === undefined && optional) continue;
    if (value === undefined) problems.push(`${where}.${field} is missing: give a number of ${unit}, 0 or more`);
    else if (!isNonNegativeNumber(value))
      problems.push(`${where}.${field} must be a number of ${unit}, 0 or more (got ${typeof value === 'number' ? String(value) : show(value)})`);
  }
  return problems;
}

/**
 * Checks every declared environment and fills in the defaults.
 * @throws EnvironmentConfigError listing every problem, each naming the environment, the field and what is allowed.
 */
export function validateEnvironments(declarations: unknown): Environment[] {
  const problems: Problems = [];
  if (!Array.isArray(declarations) || declarations.length === 0) {
    throw new EnvironmentConfigError(['declare at least one environment in an array']);
  }
  const seen = new Set<string>();
  const environments: Environment[] = [];
  declarations.forEach((declared, index) => {
    if (!isObject(declared)) {
      problems.push(`environment #${index + 1} must be an object (got ${show(declared)})`);
      return;
    }
    const resolved = validateOne(problems, declared, index);
    if (resolved) environments.push(resolved);
    const name = declared['name'];
    if (typeof name === 'string') {
      if (seen.has(name)) problems.push(`environment "${name}": name is declared twice; each environment needs its own name`);
      seen.add(name);
    }
  });
  if (problems.length === 0) problems.push(...sharedStateProblems(environments), ...overlappingNameProblems(environments));
  if (problems.length > 0) throw new EnvironmentConfigError(problems);
  return environments;
}

/**
 * AWS names (and the deploy roles' IAM patterns, such as `greeter-<env>-*` and
 * `/aws/lambda/greeter-<env>*`) start with the environment's name: "prod" and
 * "prod-eu" or "prod2" would claim each other's resources, so no name may
 * start with another's.
 */
function overlappingNameProblems(environments: Environment[]): Problems {
  return environments.flatMap((env) =>
    environments
      .filter((other) => other !== env && env.name.startsWith(other.name))
      .map(
        (other) =>
          `environment "${env.name}": name starts with environment "${other.name}"'s name, so names of its resources (greeter-${env.name}…) would match "${other.name}"'s (greeter-${other.name}…) and its deploy role's permissions; rename one`,
      ),
  );
}
