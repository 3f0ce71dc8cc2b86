import type { EnvironmentDeclaration } from '@greeter/environment-config';

/**
 * Every environment, in one place. `cdktf deploy greeter-<name>` deploys one.
 * Switching an environment between Lambda and EC2 is the one `compute` line;
 * each keeps its sizing for both, with defaults from libs/environment-config.
 * Synth refuses the example values marked "yours to set" until you replace them.
 */
export const ENVIRONMENTS: EnvironmentDeclaration[] = [
  {
    name: 'dev',
    region: 'us-east-1',
    compute: 'lambda',
    // All at once: a dev deploy is live in seconds; staging and prod take the default canary.
    lambda: { memoryMb: 512, timeoutSeconds: 10, throttle: { rateLimit: 50, burstLimit: 100 }, deploymentStrategy: 'AllAtOnce' },
    ec2: { instanceType: 't4g.small', minInstances: 1, desiredInstances: 1, maxInstances: 2, emptyBucketsOnDestroy: true },
    logRetentionDays: 14,
    tags: { owner: 'platform-team', 'cost-center': 'greeter-dev' },
    traffic: { averageRps: 0.5, peakRps: 5, averageDurationMs: 15, averageResponseBytes: 800 },
  },
  {
    name: 'staging',
    region: 'eu-west-1',
    compute: 'ec2',
    lambda: { memoryMb: 1024 },
    ec2: { instanceType: 't4g.small', minInstances: 2, desiredInstances: 2, maxInstances: 4, emptyBucketsOnDestroy: true },
    tags: { owner: 'platform-team', 'cost-center': 'greeter-staging' },
    traffic: { averageRps: 2, peakRps: 20, averageDurationMs: 15, averageResponseBytes: 800 },
    // Yours to set: staging's domain and the Route 53 public zone that holds it (HTTPS like prod),
    // and the bucket infra/bootstrap/state-bucket created in eu-west-1.
    domain: { domainName: 'api.staging.greeter.example.com', hostedZoneName: 'greeter.example.com' },
    state: { bucket: 'greeter-terraform-state-example-eu-west-1' },
  },
  {
    name: 'prod',
    region: 'us-east-1',
    compute: 'ec2',
    lambda: { memoryMb: 1024, reservedConcurrency: 200, provisionedConcurrency: 5 },
    ec2: {
      instanceType: 'm7g.large',
      minInstances: 3,
      desiredInstances: 3,
      maxInstances: 12,
      // Capacity and the request-count target follow from the bench (`npm run cost` shows the derivation).
      enableDeletionProtection: true,
    },
    // Yours to set: the domain, and the Route 53 public zone that holds it (the stack
    // creates and validates the certificate there), or certificateArn instead of the zone.
    domain: { domainName: 'api.greeter.example.com', hostedZoneName: 'greeter.example.com' },
    logRetentionDays: 90,
    tags: { owner: 'platform-team', 'cost-center': 'greeter-prod' },
    traffic: { averageRps: 150, peakRps: 900, averageDurationMs: 15, averageResponseBytes: 800 },
    // Yours to set: the bucket infra/bootstrap/state-bucket created in us-east-1.
    state: { bucket: 'greeter-terraform-state-example-us-east-1' },
  },
];
