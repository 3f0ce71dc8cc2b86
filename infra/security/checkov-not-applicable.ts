import type { Environment } from '@greeter/environment-config';

/** The checkov release the stacks were last scanned with (`npm run scan`). */
export const CHECKOV_VERSION = '3.3.13';

export interface NotApplicableCheck {
  id: string;
  /** What the check asks for, and why this design does otherwise. docs/security-scan.md's table says the same. */
  asks: string;
  why: string;
  /** The environments it does not apply to; every one when absent. */
  skippedFor?: (environment: Environment) => boolean;
}

/** checkov's Terraform checks that fail by design, each with its reason: every other check must pass. */
export const NOT_APPLICABLE: NotApplicableCheck[] = [
  {
    id: 'CKV_AWS_116',
    asks: 'a dead-letter queue on the function',
    why: "API Gateway invokes it synchronously: a failure is the caller's 5xx, and nothing is retried into a queue",
  },
  { id: 'CKV_AWS_117', asks: 'the function in a VPC', why: 'it reaches no private resource; a VPC would add interface endpoints or a NAT and cold-start time' },
  {
    id: 'CKV_AWS_272',
    asks: 'Lambda code signing',
    why: "the zip's SHA-256 is pinned by Terraform (`source_code_hash`); signing needs an AWS Signer profile the team would own",
  },
  { id: 'CKV_AWS_309', asks: 'an authorizer on every API route', why: 'the greeter is a public API by design; add a JWT authorizer when a route needs one' },
  {
    id: 'CKV_AWS_158',
    asks: 'a customer-managed KMS key for log groups',
    why: 'CloudWatch Logs encrypts with AWS-owned keys; a CMK adds cost and a key policy for no threat this app has',
  },
  {
    id: 'CKV_AWS_338',
    asks: 'log retention of a year or more',
    why: 'retention is per environment (`logRetentionDays`, 14 to 90 days shipped), one setting if compliance asks',
  },
  {
    id: 'CKV_AWS_26',
    asks: 'SNS topic encryption',
    why: 'the alarm topic carries alarm names and states only; the AWS-managed SNS key would silently stop CloudWatch from delivering alarms, so it needs a CMK whose policy allows CloudWatch',
  },
  {
    id: 'CKV_AWS_150',
    asks: 'ALB deletion protection',
    why: 'on in prod (`enableDeletionProtection`); off in staging and dev so they can be torn down',
    skippedFor: (environment) => !environment.ec2.enableDeletionProtection,
  },
  { id: 'CKV_AWS_260', asks: 'no port 80 open to the internet', why: 'with a domain, port 80 only redirects to HTTPS; dev on EC2 has no certificate' },
  {
    id: 'CKV2_AWS_76',
    asks: 'the anonymous-IP and known-bad-inputs rule groups',
    why: 'known bad inputs blocks (CKV_AWS_192 passes); the anonymous-IP list would block API clients on VPNs and cloud hosts',
  },
  { id: 'CKV_AWS_144', asks: 'cross-region replication', why: 'the buckets hold rebuildable artifacts and expiring logs' },
  { id: 'CKV_AWS_145', asks: 'KMS encryption of buckets', why: 'ALB access-log delivery supports SSE-S3 only; SSE-S3 is enough for a build artifact' },
  { id: 'CKV2_AWS_62', asks: 'S3 event notifications', why: 'nothing consumes bucket events' },
  {
    id: 'CKV2_AWS_12',
    asks: "the VPC's default security group closed",
    why: 'nothing joins it (every interface names its own group); closing it means tagging a group AWS creates untagged, which would let a deploy role claim any untagged group',
  },
];

/** The checks an environment's stack is scanned without. */
export function skippedChecks(environment: Environment): string[] {
  return NOT_APPLICABLE.filter((check) => check.skippedFor?.(environment) ?? true).map((check) => check.id);
}
