import { z } from 'zod';
import { ARCHITECTURES } from './lambda';
import { LOG_RETENTION_DAYS } from './log-retention';
import { derivedSetting, flag, oneOf, optionalSetting, positiveNumber, satisfying, section, sectionSetting, setting, text, wholeNumber } from './rules';

export const SCALING_METRICS = ['requestCountPerTarget', 'cpuUtilization'] as const;
export type ScalingMetric = (typeof SCALING_METRICS)[number];

const INSTANCE_TYPE = /^([a-z]+)(\d+)([a-z-]*)\.([a-z0-9]+)$/;
const AMI_ID = /^ami-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** Graviton families carry a `g` after the generation: t4g, m7g, c7gn. */
export function architectureOfInstanceType(instanceType: string): 'arm64' | 'x86_64' | undefined {
  const match = INSTANCE_TYPE.exec(instanceType);
  if (!match) return undefined;
  return match[3].includes('g') ? 'arm64' : 'x86_64';
}

function zonePair() {
  const isPair = (value: unknown): value is string[] => Array.isArray(value) && value.length === 2 && value.every((zone) => typeof zone === 'string');
  return satisfying(isPair, 'two different zones of the region, such as us-east-1a and us-east-1b');
}

export const ec2Settings = section({
  instanceType: setting(
    text(INSTANCE_TYPE, 'an EC2 instance type such as t4g.small or m7g.large'),
    't4g.small',
    "The instances' type; its architecture must match `architecture`",
  ),
  architecture: setting(oneOf(ARCHITECTURES), 'arm64', "The instances' processor architecture"),
  minInstances: setting(wholeNumber(0, 1000), 2, 'The fewest instances the group runs'),
  desiredInstances: setting(wholeNumber(0, 1000), 2, 'How many it starts with, from min to max'),
  maxInstances: setting(wholeNumber(1, 1000), 4, 'The most it scales out to'),
  scaling: sectionSetting(
    {
      metric: setting(oneOf(SCALING_METRICS), 'requestCountPerTarget', 'What the group scales on'),
      target: derivedSetting(
        positiveNumber('a number above 0 and at most 1000000', 1_000_000),
        'The value of the metric the group holds each instance at (a CPU percentage is at most 100)',
        'capacity × 60 requests per target per minute, or the CPU percentage the app reaches at its capacity',
      ),
    },
    'How the group scales',
  ),
  capacityRequestsPerSecond: derivedSetting(
    positiveNumber(),
    'Requests per second one instance serves at the scaling target (sizes and costs the fleet)',
    "derived from the latest `npm run bench -- --record` result and the type's CPUs (docs/cost-advisor.md)",
  ),
  availabilityZones: derivedSetting(zonePair(), 'Two different zones of the region, one subnet each', "the region's `a` and `b` zones"),
  createNatGateway: setting(flag(), false, 'A NAT gateway for a route to the internet (S3 and SSM are reached through VPC endpoints without one)'),
  createSsmEndpoints: setting(flag(), true, 'Interface endpoints so SSM Session Manager works without a NAT gateway'),
  rootVolumeGb: setting(wholeNumber(8, 16_384), 8, "Each instance's root volume, in GB"),
  appPort: setting(wholeNumber(1024, 65_535), 3000, 'The port the app listens on, behind the load balancer'),
  healthCheckGracePeriodSeconds: setting(wholeNumber(0, 7200), 120, 'How long a new instance has before health checks count'),
  deregistrationDelaySeconds: setting(wholeNumber(0, 3600), 10, 'How long the load balancer lets a leaving target finish; at most shutdownTimeoutSeconds'),
  healthCheckIntervalSeconds: setting(wholeNumber(6, 300), 15, 'How often the load balancer checks /health'),
  healthCheckUnhealthyThreshold: setting(wholeNumber(2, 10), 2, 'Failed checks in a row that take a target out'),
  shutdownDrainSeconds: setting(
    wholeNumber(0, 600),
    35,
    'On SIGTERM, how long /health answers 503 while serving everything else, so the load balancer takes the instance out first',
  ),
  shutdownTimeoutSeconds: setting(wholeNumber(1, 600), 10, 'How long the app drains requests on SIGTERM'),
  enableDeletionProtection: setting(flag(), false, "Protect the load balancer from deletion (prod's example sets it)"),
  accessLogRetentionDays: setting(oneOf(LOG_RETENTION_DAYS), 90, 'Days the load balancer access logs are kept'),
  emptyBucketsOnDestroy: setting(flag(), false, 'Whether a destroy may delete the artifact and access-log buckets with what they hold'),
  waf: sectionSetting(
    {
      enabled: setting(flag(), true, "A WAFv2 web ACL on the load balancer: AWS's common and known-bad-inputs rules and a per-IP rate limit"),
      rateLimitPerFiveMinutes: setting(wholeNumber(10, 2_000_000_000), 20_000, 'Requests one client IP may send in 5 minutes before it is blocked'),
      countOnly: setting(flag(), false, 'Count matches instead of blocking them, to try the rules on live traffic'),
    },
    'The web application firewall',
  ),
  amiId: optionalSetting(
    text(AMI_ID, 'an AMI id such as ami-0123456789abcdef0, or left out to use the newest Amazon Linux 2023'),
    "The instances' AMI; unset, the newest Amazon Linux 2023 for the architecture at each plan",
  ),
  refreshCheckpointDelaySeconds: setting(
    wholeNumber(0, 3_600),
    300,
    'How long an instance refresh waits at half the fleet replaced, so the alarms judge the new build',
  ),
});

export type Ec2Declared = z.output<typeof ec2Settings>;
