import { synthConstructs } from '../../test/synth';
import { PrivateBucket } from './private-bucket';

const minimal = { namePrefix: 'b-', enableVersioning: false, emptyOnDestroy: false };

describe('a private bucket', () => {
  it('is private, owner-enforced, encrypted, reachable only over TLS, and kept on destroy unless told', () => {
    const stack = synthConstructs((scope) => new PrivateBucket(scope, 'b', minimal));

    expect(stack.resource('aws_s3_bucket')).toMatchObject({ bucket_prefix: 'b-', force_destroy: false });
    expect(stack.resource('aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(stack.resource('aws_s3_bucket_ownership_controls')['rule']).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(stack.resource('aws_s3_bucket_server_side_encryption_configuration')['rule']).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: true },
    ]);
    const [deny] = JSON.parse(stack.resource('aws_s3_bucket_policy')['policy']).Statement;
    expect(deny).toMatchObject({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(stack.resources('aws_s3_bucket_versioning')).toEqual([]);
    expect(stack.resource('aws_s3_bucket_lifecycle_configuration')['rule'].map((r: any) => r.id)).toEqual(['abort-incomplete-uploads']);
  });

  it('keeps the newest replaced versions for rollbacks and expires the rest, when versioned', () => {
    const stack = synthConstructs((scope) => new PrivateBucket(scope, 'b', { ...minimal, enableVersioning: true, noncurrentVersions: { days: 1, keep: 10 } }));

    expect(stack.resource('aws_s3_bucket_versioning')['versioning_configuration']).toEqual({ status: 'Enabled' });
    expect(stack.resource('aws_s3_bucket_lifecycle_configuration')['rule'][1]).toMatchObject({
      id: 'keep-recent-versions',
      noncurrent_version_expiration: [{ noncurrent_days: 1, newer_noncurrent_versions: 10 }],
    });
  });

  it('expires objects, then their delete markers, when given a retention', () => {
    const stack = synthConstructs(
      (scope) => new PrivateBucket(scope, 'b', { ...minimal, enableVersioning: true, expireAfterDays: 90, noncurrentVersions: { days: 1 } }),
    );

    expect(stack.resource('aws_s3_bucket_lifecycle_configuration')['rule'].map((r: any) => r.id)).toEqual([
      'abort-incomplete-uploads',
      'expire',
      'expire-replaced-versions',
      'remove-expired-delete-markers',
    ]);
  });

  it('receives the server access logs of the buckets named, from S3 log delivery only, under one prefix', () => {
    const stack = synthConstructs((scope) => {
      const source = new PrivateBucket(scope, 'source', minimal);
      new PrivateBucket(scope, 'logs', { ...minimal, emptyOnDestroy: true, receivesServerAccessLogsOf: [source] });
    });

    const logging = stack.resource('aws_s3_bucket_logging');
    expect(logging['target_prefix']).toBe('s3-access-logs/');
    expect(logging['bucket']).toMatch(/aws_s3_bucket\.source_bucket_/);
    expect(logging['target_bucket']).toMatch(/aws_s3_bucket\.logs_bucket_/);
    const policies = stack.resources('aws_s3_bucket_policy').map((p) => JSON.parse(p['policy']).Statement);
    expect(policies.flat().filter((st: any) => st.Sid === 'S3ServerAccessLogDelivery')).toEqual([
      expect.objectContaining({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' }),
    ]);
    const forceDestroy = Object.entries<any>(stack.json.resource.aws_s3_bucket).map(([id, bucket]) => [id.replace(/_bucket_.*/, ''), bucket.force_destroy]);
    expect(Object.fromEntries(forceDestroy)).toEqual({ logs: true, source: false });
  });
});
