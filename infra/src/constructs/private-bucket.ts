import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketLifecycleConfiguration, type S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument } from '../secure-defaults';

const ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 7;

export interface PrivateBucketProps {
  /** Prefix of the generated (globally unique) bucket name. */
  namePrefix: string;
  enableVersioning: boolean;
  /** Objects older than this are deleted; undefined keeps them. */
  expireAfterDays?: number;
  /**
   * With versioning, what happens to earlier versions: `keep` of them stay (for rollbacks) and the
   * rest are deleted `days` after they were replaced; without `keep`, all of them are. Undefined keeps them all.
   */
  noncurrentVersions?: { days: number; keep?: number };
  /** Whether destroying the stack deletes the bucket with everything in it (for reproducible artifacts and logs only). */
  emptyOnDestroy: boolean;
  /** More statements for the bucket policy (it always denies plain-HTTP access). */
  extraPolicyStatements?: (bucketArn: string) => Array<Record<string, unknown>>;
  /** Other buckets whose S3 server access logs this one receives, under SERVER_ACCESS_LOG_PREFIX: both halves (its policy, their logging) are set up here. */
  receivesServerAccessLogsOf?: PrivateBucket[];
}

/** Where a bucket that receives S3 server access logs keeps them. */
const SERVER_ACCESS_LOG_PREFIX = 's3-access-logs/';

/** S3's log delivery, allowed to write the given buckets' server access logs into this one, and nothing else. */
function serverAccessLogDelivery(bucketArn: string, sourceBucketArns: string[]): Record<string, unknown> {
  return {
    Sid: 'S3ServerAccessLogDelivery',
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `${bucketArn}/${SERVER_ACCESS_LOG_PREFIX}*`,
    Condition: { ArnLike: { 'aws:SourceArn': sourceBucketArns } },
  };
}

/** An S3 bucket that is private, encrypted, owner-enforced and reachable only over TLS. */
export class PrivateBucket extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly bucketId: string;
  /** Depend on this to use the bucket only once its policy is in place (ALB log delivery checks it). */
  readonly bucketPolicy: S3BucketPolicy;
  /** Everything that configures the bucket: write objects only after it (an object written before versioning is on has no version id). */
  readonly configuration: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, 'bucket', { bucketPrefix: props.namePrefix, forceDestroy: props.emptyOnDestroy });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true }],
    });
    this.configuration.push(publicAccessBlock, encryption);
    if (props.enableVersioning) {
      this.configuration.push(new S3BucketVersioningA(this, 'versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } }));
    }
    // Parts of an upload that never completed are billed until deleted.
    const lifecycleRules: S3BucketLifecycleConfigurationRule[] = [
      {
        id: 'abort-incomplete-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS }],
      },
    ];
    if (props.expireAfterDays !== undefined) {
      lifecycleRules.push({ id: 'expire', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.expireAfterDays }] });
    }
    if (props.enableVersioning && props.noncurrentVersions) {
      const { days, keep } = props.noncurrentVersions;
      lifecycleRules.push({
        id: keep === undefined ? 'expire-replaced-versions' : 'keep-recent-versions',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrentVersionExpiration: [{ noncurrentDays: days, ...(keep === undefined ? {} : { newerNoncurrentVersions: keep }) }],
      });
      if (props.expireAfterDays !== undefined) {
        // Expiring a versioned object leaves a delete marker; once its versions are gone, the marker goes too.
        lifecycleRules.push({
          id: 'remove-expired-delete-markers',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ expiredObjectDeleteMarker: true }],
        });
      }
    }
    new S3BucketLifecycleConfiguration(this, 'lifecycle', { bucket: bucket.id, rule: lifecycleRules });
    this.bucketPolicy = new S3BucketPolicy(this, 'policy', {
      bucket: bucket.id,
      policy: policyDocument([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [bucket.arn, `${bucket.arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        ...(props.extraPolicyStatements?.(bucket.arn) ?? []),
        ...(props.receivesServerAccessLogsOf?.length
          ? [
              serverAccessLogDelivery(
                bucket.arn,
                props.receivesServerAccessLogsOf.map((source) => source.bucketArn),
              ),
            ]
          : []),
      ]),
    });
    this.configuration.push(this.bucketPolicy);
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.bucketId = bucket.id;
    for (const source of props.receivesServerAccessLogsOf ?? []) {
      // S3 writes who read or wrote which object of the source here, once this bucket's policy lets it. The
      // setting belongs to the source bucket, and is kept in its scope.
      new S3BucketLoggingA(source, 'server-access-logs', {
        bucket: source.bucketId,
        targetBucket: bucket.id,
        // One prefix for every source: each log line names its bucket.
        targetPrefix: SERVER_ACCESS_LOG_PREFIX,
        dependsOn: [this.bucketPolicy],
      });
    }
  }
}
