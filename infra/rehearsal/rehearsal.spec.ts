import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../environments';
import { synthEnvironment } from '../test/synth';
import { checkDeployCalls } from './deploy-calls-seen';
import { OVERRIDE_FILE, writeEmulatorOverride } from './emulator-override';
import { planDrift } from './emulator-gaps';
import { withOwnValues } from '../test/own-values';
import { PROVIDER_LOG, providerLogEnv, providerLogSize, sdkRetriesSince } from './provider-log';
import { RESOURCE_PROBES, TERRAFORM_ONLY_TYPES } from './resource-probes';

const [dev, staging, prod] = withOwnValues(ENVIRONMENTS);

/** Every shape an environment can take: each compute, with and without a domain (zone or certificate), with a NAT gateway, with provisioned concurrency. */
const SHAPES = [
  dev!,
  { ...dev!, domain: { domainName: 'api.dev.greeter.test', hostedZoneName: 'dev.greeter.test' } },
  {
    ...dev!,
    domain: { domainName: 'api.dev.greeter.test', certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0f6a2c1e-8d1b-4c9e-9a51-3b2f7c4d5e6f' },
  },
  { ...dev!, lambda: { reservedConcurrency: 10, provisionedConcurrency: 2 } },
  staging!,
  { ...staging!, ec2: { ...staging!.ec2, createNatGateway: true } },
  prod!,
];

describe('the rehearsal', () => {
  it('can read back every resource type any environment shape declares', () => {
    const types = new Set(SHAPES.flatMap((shape) => Object.keys(synthEnvironment(shape).json.resource)));

    expect([...types].filter((type) => !RESOURCE_PROBES[type] && !TERRAFORM_ONLY_TYPES.has(type))).toEqual([]);
  });

  it("fails when a deploy makes a call the deploy roles are not simulated against, and names it; the rehearsal's own reads do not count", () => {
    const results: Array<{ holds: boolean; seen?: unknown }> = [];
    const check = (_claim: string, holds: boolean, seen?: unknown) => void results.push({ holds, seen });
    const seen = (key: string, service: string, operation: string) => ({ key, service, region: 'us-east-1', operation, count: 1 });

    checkDeployCalls([seen('deploy-dev', 'lambda', 'GetFunction'), seen('rehearsal', 'ec2', 'RebootInstances')], ['dev'], check);
    checkDeployCalls([seen('deploy-dev', 'lambda', 'GetFunction'), seen('deploy-dev', 'ec2', 'RebootInstances')], ['dev'], check);
    checkDeployCalls([seen('bootstrap', 'iam', 'CreatePolicy')], ['dev'], check);

    expect(results).toEqual([
      { holds: true, seen: 'not listed: ' },
      { holds: false, seen: 'not listed: ec2:RebootInstances' },
      { holds: false, seen: 'the emulator recorded no deploy calls' },
    ]);
  });

  it('points a stack copy at the emulator through one override file, leaving the stack as synthesized', () => {
    const dir = mkdtempSync(join(tmpdir(), 'greeter-rehearsal-spec-'));
    const stack = synthEnvironment(staging!).json;
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(stack));

    writeEmulatorOverride(dir, 'http://127.0.0.1:4567');

    const written = readFileSync(join(dir, OVERRIDE_FILE), 'utf8');
    const stackAfter = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
    rmSync(dir, { recursive: true, force: true });

    expect(stackAfter).toEqual(stack);
    const override = JSON.parse(written);
    expect(override.terraform.backend).toEqual({ local: { path: 'rehearsal.tfstate' } });
    expect(override.provider.aws[0]).toMatchObject({
      access_key: 'rehearsal',
      s3_use_path_style: true,
      endpoints: [expect.objectContaining({ s3: 'http://127.0.0.1:4567', lambda: 'http://127.0.0.1:4567' })],
    });
    for (const [id, resource] of Object.entries<any>(override.resource.aws_s3_bucket_policy)) {
      const original = JSON.parse(stack.resource.aws_s3_bucket_policy[id].policy).Statement;
      const rehearsed = JSON.parse(resource.policy).Statement;
      expect(rehearsed).toEqual(original.filter((statement: any) => statement.Sid !== 'DenyInsecureTransport'));
      expect(rehearsed.length).toBe(original.length - 1);
    }
  });

  it("names the requests the AWS SDK retried during one Terraform command, from the provider's log", () => {
    const dir = mkdtempSync(join(tmpdir(), 'greeter-rehearsal-spec-'));
    const log = join(dir, PROVIDER_LOG);
    // Lines as the AWS provider 5.100 writes them at TF_LOG_PROVIDER=DEBUG (attributes trimmed).
    const retried = (request: string, attempt: number) =>
      `2026-12-01T17:30:54.312Z [DEBUG] provider.terraform-provider-aws_v5.100.0_x5: retrying request ${request}, attempt ${attempt}: rpc.system=aws-api tf_rpc=ApplyResourceChange\n`;
    const sent =
      '2026-12-01T17:30:54.232Z [DEBUG] provider.terraform-provider-aws_v5.100.0_x5: HTTP Request Sent: http.request.header.amz_sdk_request="attempt=1; max=25"\n';
    writeFileSync(log, sent + retried('EC2/DescribeLaunchTemplates', 2));
    const before = providerLogSize(dir);
    writeFileSync(log, sent + retried('Lambda/CreateAlias', 2) + sent + retried('Auto Scaling/PutScalingPolicy', 3), { flag: 'a' });

    const since = sdkRetriesSince(dir, before);
    const all = sdkRetriesSince(dir, 0);
    rmSync(dir, { recursive: true, force: true });

    expect(since).toEqual(['Lambda/CreateAlias (attempt 2)', 'Auto Scaling/PutScalingPolicy (attempt 3)']);
    expect(all).toHaveLength(3);
    expect(sdkRetriesSince(dir, 0)).toEqual([]);
    expect(providerLogEnv(dir)).toEqual({ TF_LOG_PROVIDER: 'DEBUG', TF_LOG_PATH: log });
  });

  describe('re-plan drift', () => {
    const update = (type: string, before: object, after: object, afterUnknown: object = {}) => ({
      address: `${type}.x`,
      type,
      change: { actions: ['update'], before, after, after_unknown: afterUnknown },
    });

    it('is explained when only an emulator gap changes', () => {
      const plan = {
        resource_changes: [
          update('aws_lambda_function', { logging_config: [], version: '1' }, { logging_config: [{ log_format: 'JSON' }] }, { version: true }),
        ],
      };

      expect(planDrift(plan)).toEqual({
        explained: [{ address: 'aws_lambda_function.x', actions: ['update'], attributes: ['logging_config', 'version'] }],
        unexplained: [],
      });
    });

    it('is not explained when anything else changes, or a resource would be created or replaced', () => {
      const plan = {
        resource_changes: [
          update('aws_lambda_function', { memory_size: 512, logging_config: [] }, { memory_size: 1024, logging_config: [{}] }),
          { address: 'aws_acm_certificate.c', type: 'aws_acm_certificate', change: { actions: ['create', 'delete'] } },
          { address: 'aws_vpc.v', type: 'aws_vpc', change: { actions: ['no-op'] } },
        ],
      };

      expect(planDrift(plan).unexplained.map((d) => `${d.address} ${d.attributes.join(',')}`)).toEqual([
        'aws_lambda_function.x logging_config,memory_size',
        'aws_acm_certificate.c (whole resource)',
      ]);
    });
  });
});
