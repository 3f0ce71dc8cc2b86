import { cpuTargetPercent, derivedCapacity } from './instance-capacity';

/** Where the API runs in one environment. */
export type Compute = 'lambda' | 'ec2';
export const COMPUTES: readonly Compute[] = ['lambda', 'ec2'];

export type Architecture = 'arm64' | 'x86_64';
export const ARCHITECTURES: readonly Architecture[] = ['arm64', 'x86_64'];

export type ScalingMetric = 'requestCountPerTarget' | 'cpuUtilization';
export const SCALING_METRICS: readonly ScalingMetric[] = ['requestCountPerTarget', 'cpuUtilization'];

/**
 * How a new version reaches the `live` alias: AWS CodeDeploy's predefined
 * Lambda deployment configurations (`CodeDeployDefault.Lambda<strategy>`, the
 * names SAM's DeploymentPreference takes). A canary sends 10% of requests to
 * the new version for the minutes named, then all; a linear one adds 10% at
 * each interval. Any of them rolls back if one of the environment's alarms
 * fires or the deployment fails.
 */
export const LAMBDA_DEPLOYMENT_STRATEGIES = [
  'AllAtOnce',
  'Canary10Percent5Minutes',
  'Canary10Percent10Minutes',
  'Canary10Percent15Minutes',
  'Canary10Percent30Minutes',
  'Linear10PercentEvery1Minute',
  'Linear10PercentEvery2Minutes',
  'Linear10PercentEvery3Minutes',
  'Linear10PercentEvery10Minutes',
] as const;
export type LambdaDeploymentStrategy = (typeof LAMBDA_DEPLOYMENT_STRATEGIES)[number];

/** How long a strategy takes to move all traffic, in minutes: what a deploy waits for. */
export function deploymentStrategyMinutes(strategy: LambdaDeploymentStrategy): number {
  const canary = /^Canary10Percent(\d+)Minutes$/.exec(strategy);
  if (canary) return Number(canary[1]);
  const linear = /^Linear10PercentEvery(\d+)Minutes?$/.exec(strategy);
  // Ten steps of 10%.
  if (linear) return Number(linear[1]) * 10;
  return 0;
}

export interface LambdaSizing {
  /** MB of memory (and proportional CPU), 128 to 10240. */
  memoryMb: number;
  timeoutSeconds: number;
  architecture: Architecture;
  /** Caps concurrent executions; undefined leaves the account's pool unreserved. */
  reservedConcurrency?: number;
  /** Pre-initialised execution environments on the live alias; 0 for none. */
  provisionedConcurrency: number;
  /** API Gateway throttling for the whole stage. */
  throttle: { rateLimit: number; burstLimit: number };
  /** How a deploy moves `live` to the new version (see LAMBDA_DEPLOYMENT_STRATEGIES); a canary unless an environment says otherwise. */
  deploymentStrategy: LambdaDeploymentStrategy;
}

export interface Ec2Sizing {
  instanceType: string;
  architecture: Architecture;
  minInstances: number;
  desiredInstances: number;
  maxInstances: number;
  /**
   * What the group scales on. The target defaults to the capacity: capacity × 60 requests per target per
   * minute, or CAPACITY_HEADROOM as a CPU percentage.
   */
  scaling: { metric: ScalingMetric; target: number };
  /**
   * Requests per second one instance serves at the scaling target (used to size and cost the fleet). Unset,
   * it is derived from the latest `npm run bench` result (derivedCapacity). With `requestCountPerTarget`
   * scaling, validation holds it within SCALING_CAPACITY_TOLERANCE of target ÷ 60.
   */
  capacityRequestsPerSecond: number;
  /** Where the capacity comes from: "declared", or the derivation from the bench, in words. */
  capacityBasis: string;
  /** Two, one per availability zone; defaults to the region's `a` and `b` zones. */
  availabilityZones: string[];
  /** A NAT gateway gives instances a route to the internet; off by default, since S3 and SSM are reached through VPC endpoints. */
  createNatGateway: boolean;
  /** Interface endpoints so SSM Session Manager works without a NAT gateway. */
  createSsmEndpoints: boolean;
  rootVolumeGb: number;
  appPort: number;
  healthCheckGracePeriodSeconds: number;
  /** How long the ALB lets a deregistering target finish; must not exceed the app's shutdown timeout. */
  deregistrationDelaySeconds: number;
  /** The ALB checks /health this often, and takes a target out after this many failures in a row. */
  healthCheckIntervalSeconds: number;
  healthCheckUnhealthyThreshold: number;
  /**
   * On SIGTERM (a restart or reboot of a registered instance) the app answers
   * /health with 503 for this long while serving everything else, so the ALB
   * takes it out before it stops listening (SHUTDOWN_DRAIN_MS). At least
   * healthCheckIntervalSeconds × healthCheckUnhealthyThreshold.
   */
  shutdownDrainSeconds: number;
  /** How long the app drains requests on SIGTERM (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutSeconds: number;
  enableDeletionProtection: boolean;
  accessLogRetentionDays: number;
  /**
   * Whether `cdktf destroy` may delete the artifact and access-log buckets with
   * what they hold (reproducible builds and logs). Off by default: a destroy
   * then stops at a non-empty bucket instead of deleting logs.
   */
  emptyBucketsOnDestroy: boolean;
  /** A WAFv2 web ACL on the load balancer: AWS's common and known-bad-inputs rule groups and a per-IP rate limit. */
  waf: WafSettings;
  /**
   * The instances' AMI. Unset, Terraform reads the newest Amazon Linux 2023
   * for the architecture from AWS's public SSM parameter when it plans, so a
   * new AMI shows up in the plan (and its instance refresh can roll back).
   * Set, that AMI is used until you change it.
   */
  amiId?: string;
  /**
   * An instance refresh (every deploy that changes the launch template) stops
   * after replacing half the instances and waits this long, so the alarms can
   * judge the new build on real traffic before the rest is replaced; any of
   * them firing rolls the refresh back.
   */
  refreshCheckpointDelaySeconds: number;
}

export interface WafSettings {
  enabled: boolean;
  /** Requests one client IP may send in 5 minutes before the rate rule blocks it (AWS: 10 to 2,000,000,000). */
  rateLimitPerFiveMinutes: number;
  /** Count matches instead of blocking them, to try the rules on live traffic first. */
  countOnly: boolean;
}

/** A custom domain, with its certificate from exactly one of two places. */
export interface DomainConfig {
  /** e.g. api.example.com. */
  domainName: string;
  /**
   * A public Route 53 hosted zone in the same account that holds the domain
   * (e.g. example.com): the stack then creates the ACM certificate, validates it
   * by DNS in that zone, and points the domain at the API.
   */
  hostedZoneName?: string;
  /** Or an ACM certificate you already have, in the environment's region; you then point the domain's DNS at the API yourself. */
  certificateArn?: string;
}

/** Expected traffic, for the cost advisor. Give either averageRps or requestsPerMonth. */
export interface TrafficDeclaration {
  averageRps?: number;
  requestsPerMonth?: number;
  peakRps: number;
  averageDurationMs: number;
  averageResponseBytes: number;
}

/** Traffic with the monthly volume worked out. */
export interface Traffic {
  requestsPerMonth: number;
  averageRps: number;
  peakRps: number;
  averageDurationMs: number;
  averageResponseBytes: number;
}

/** When the golden-signal alarms fire, and who hears of them. Every alarm notifies the environment's SNS topic on ALARM and on OK. */
export interface AlarmSettings {
  /** Email addresses subscribed to the environment's alarm topic (each confirms by email once). */
  notifyEmails: string[];
  /** 5xx answers (API Gateway, ALB or targets) or Lambda errors in 5 minutes that raise an alarm. */
  errorsPerFiveMinutes: number;
  /** p99 latency, in milliseconds, that raises an alarm (API Gateway latency, or the ALB's target response time). */
  p99LatencyMs: number;
  /** Lambda: p99 duration, as a percentage of the function's timeout, that raises an alarm. */
  durationPercentOfTimeout: number;
  /** Lambda: concurrent executions, as a percentage of the reserved concurrency, that raise an alarm (only with reservedConcurrency). */
  concurrencyPercentOfReserved: number;
}

/** Remote state in S3 with S3-native locking (Terraform 1.10 or newer). */
export interface StateConfig {
  bucket: string;
  /** Defaults to `greeter/<environment>.tfstate`. */
  key?: string;
  /** Defaults to the environment's region. */
  region?: string;
}

/** What a user writes for one environment; everything but name, region and compute has a default. */
export interface EnvironmentDeclaration {
  name: string;
  region: string;
  /**
   * The AWS account this environment deploys to (12 digits). Set, a deploy with another account's
   * credentials fails before it changes anything (the provider's allowed_account_ids). Without it,
   * the account is whichever the credentials belong to.
   */
  accountId?: string;
  compute: Compute;
  lambda?: Partial<LambdaSizing>;
  ec2?: Partial<Omit<Ec2Sizing, 'waf' | 'scaling' | 'capacityBasis'>> & { waf?: Partial<WafSettings>; scaling?: Partial<Ec2Sizing['scaling']> };
  domain?: DomainConfig;
  tags?: Record<string, string>;
  logRetentionDays?: number;
  /** Without it the environment keeps its state in a local file (fine for a first synth, not for a team). */
  state?: StateConfig;
  /** What the cost advisor assumes; optional. */
  traffic?: TrafficDeclaration;
  alarms?: Partial<AlarmSettings>;
}

/** An environment with every default filled in. */
export interface Environment {
  name: string;
  region: string;
  accountId?: string;
  compute: Compute;
  lambda: LambdaSizing;
  ec2: Ec2Sizing;
  domain?: DomainConfig;
  tags: Record<string, string>;
  logRetentionDays: number;
  state?: Required<StateConfig>;
  traffic?: Traffic;
  alarms: AlarmSettings;
}

export const LAMBDA_DEFAULTS: LambdaSizing = {
  memoryMb: 512,
  timeoutSeconds: 10,
  architecture: 'arm64',
  provisionedConcurrency: 0,
  throttle: { rateLimit: 100, burstLimit: 200 },
  deploymentStrategy: 'Canary10Percent5Minutes',
};

/** Defaults of everything but what follows from the region (zones) and from the instance type (capacity, and the scaling target from it). */
export const EC2_DEFAULTS: Omit<Ec2Sizing, 'availabilityZones' | 'capacityRequestsPerSecond' | 'capacityBasis' | 'scaling'> & {
  scaling: { metric: ScalingMetric };
} = {
  instanceType: 't4g.small',
  architecture: 'arm64',
  minInstances: 2,
  desiredInstances: 2,
  maxInstances: 4,
  // The target follows from the capacity (defaultScalingTarget): the group scales out as instances reach it.
  scaling: { metric: 'requestCountPerTarget' },
  createNatGateway: false,
  createSsmEndpoints: true,
  rootVolumeGb: 8,
  appPort: 3000,
  healthCheckGracePeriodSeconds: 120,
  deregistrationDelaySeconds: 10,
  healthCheckIntervalSeconds: 15,
  healthCheckUnhealthyThreshold: 2,
  // Two failed checks 15 s apart, plus the 5 s check timeout.
  shutdownDrainSeconds: 35,
  shutdownTimeoutSeconds: 10,
  enableDeletionProtection: false,
  accessLogRetentionDays: 90,
  emptyBucketsOnDestroy: false,
  // About 67 requests a second from one IP: an API's clients are programs, often few of them, some behind one NAT.
  waf: { enabled: true, rateLimitPerFiveMinutes: 20_000, countOnly: false },
  // One alarm period (5 minutes): long enough for a 5-minute alarm to see the new instances.
  refreshCheckpointDelaySeconds: 300,
};

export const ALARM_DEFAULTS: AlarmSettings = {
  notifyEmails: [],
  errorsPerFiveMinutes: 5,
  p99LatencyMs: 1000,
  durationPercentOfTimeout: 80,
  concurrencyPercentOfReserved: 80,
};

/** The ALB waits this long for a /health answer before counting a failure. */
export const HEALTH_CHECK_TIMEOUT_SECONDS = 5;

export const LOG_RETENTION_DEFAULT_DAYS = 30;

/** AWS bills by the month as 730 hours. */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** Works out the monthly volume from the average rate, or the other way round. Call only on validated traffic. */
export function resolveTraffic(declared: TrafficDeclaration): Traffic {
  const requestsPerMonth = declared.requestsPerMonth ?? (declared.averageRps ?? 0) * SECONDS_PER_MONTH;
  return {
    requestsPerMonth,
    averageRps: declared.averageRps ?? requestsPerMonth / SECONDS_PER_MONTH,
    peakRps: declared.peakRps,
    averageDurationMs: declared.averageDurationMs,
    averageResponseBytes: declared.averageResponseBytes,
  };
}

/**
 * The scaling target that keeps each instance at its capacity: capacity × 60 requests per target per minute,
 * or the CPU utilization the app reaches there (cpuTargetPercent).
 */
export function defaultScalingTarget(metric: ScalingMetric, capacityRequestsPerSecond: number, instanceType: string): number {
  return metric === 'cpuUtilization' ? cpuTargetPercent(instanceType) : Math.round(capacityRequestsPerSecond * REQUEST_COUNT_SECONDS);
}

/** ALBRequestCountPerTarget counts a minute's requests: a target of N holds each instance at N ÷ 60 a second. */
const REQUEST_COUNT_SECONDS = 60;

/** Requests per second one instance takes when the group runs at its scaling target: the request-count target itself, or the capacity at the CPU target. */
export function requestsPerInstanceAtTarget(sizing: Pick<Ec2Sizing, 'scaling' | 'capacityRequestsPerSecond'>): number {
  return sizing.scaling.metric === 'requestCountPerTarget' ? sizing.scaling.target / REQUEST_COUNT_SECONDS : sizing.capacityRequestsPerSecond;
}

function resolveEc2(declared: EnvironmentDeclaration): Ec2Sizing {
  const { scaling, waf, ...rest } = declared.ec2 ?? {};
  const instanceType = rest.instanceType ?? EC2_DEFAULTS.instanceType;
  const derived = typeof instanceType === 'string' ? derivedCapacity(instanceType) : undefined;
  // NaN when neither is known: validation reports it, naming the instance type.
  const declaredCapacity = rest.capacityRequestsPerSecond != null;
  const capacity = declaredCapacity ? rest.capacityRequestsPerSecond! : (derived?.requestsPerSecond ?? Number.NaN);
  const metric = scaling?.metric ?? EC2_DEFAULTS.scaling.metric;
  return {
    ...EC2_DEFAULTS,
    availabilityZones: [`${declared.region}a`, `${declared.region}b`],
    ...rest,
    capacityRequestsPerSecond: capacity,
    capacityBasis: declaredCapacity ? 'declared' : (derived?.derivation ?? 'none'),
    scaling: { metric, target: scaling?.target ?? defaultScalingTarget(metric, capacity, String(instanceType)) },
    waf: { ...EC2_DEFAULTS.waf, ...waf },
  };
}

/** Fills in every default. Call only on a declaration that passed validation. */
export function resolveEnvironment(declared: EnvironmentDeclaration): Environment {
  return {
    name: declared.name,
    region: declared.region,
    ...(declared.accountId !== undefined ? { accountId: declared.accountId } : {}),
    compute: declared.compute,
    lambda: { ...LAMBDA_DEFAULTS, ...declared.lambda, throttle: { ...LAMBDA_DEFAULTS.throttle, ...declared.lambda?.throttle } },
    ec2: resolveEc2(declared),
    ...(declared.domain ? { domain: declared.domain } : {}),
    tags: { ...declared.tags },
    alarms: { ...ALARM_DEFAULTS, ...declared.alarms },
    logRetentionDays: declared.logRetentionDays ?? LOG_RETENTION_DEFAULT_DAYS,
    ...(declared.traffic ? { traffic: resolveTraffic(declared.traffic) } : {}),
    ...(declared.state
      ? {
          state: {
            bucket: declared.state.bucket,
            key: declared.state.key ?? `greeter/${declared.name}.tfstate`,
            region: declared.state.region ?? declared.region,
          },
        }
      : {}),
  };
}
