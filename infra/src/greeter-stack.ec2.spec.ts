import { MEASURED_SERVER_THROUGHPUT } from '@greeter/environment-config';
import { ENVIRONMENTS } from '../environments';
import { withOwnValues } from '../test/own-values';
import { KIND_VARIABLE } from '../deploy-hooks/settings';
import { synthEnvironment } from '../test/synth';

const staging = withOwnValues(ENVIRONMENTS).find((e) => e.name === 'staging')!;
const prod = withOwnValues(ENVIRONMENTS).find((e) => e.name === 'prod')!;

describe('the EC2 path (prod: HTTPS, deletion protection)', () => {
  const stack = synthEnvironment(prod);

  it('launches the newest Amazon Linux 2023 as read when Terraform plans, IMDSv2 only with hop limit 1, encrypted root, no SSH key, no public IP', () => {
    const template = stack.resource('aws_launch_template');
    const ami = Object.values<any>(stack.json.data['aws_ssm_parameter']);

    expect(ami).toEqual([expect.objectContaining({ name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64' })]);
    expect(template['image_id']).toBe('${data.aws_ssm_parameter.amazon-linux-ami.insecure_value}');
    expect(template['instance_type']).toBe('m7g.large');
    expect(template['metadata_options']).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(template['block_device_mappings'][0].ebs).toMatchObject({ encrypted: 'true', volume_type: 'gp3' });
    expect(template).not.toHaveProperty('key_name');
    expect(template['network_interfaces'][0].associate_public_ip_address).toBe('false');
  });

  it('ships the app’s logs to a log group of its own, with the environment’s retention, that only the instances may write', () => {
    const group = stack.resources('aws_cloudwatch_log_group').find((g) => g['name'] === '/greeter/prod/app')!;
    const policy = stack.resources('aws_iam_role_policy').find((p) => p['name'] === 'ship-own-app-logs')!;

    expect(group['retention_in_days']).toBe(90);
    expect(JSON.parse(policy['policy']).Statement[0].Resource).toMatch(/^\$\{aws_cloudwatch_log_group\.app-logs\.arn\}:\*$/);
    expect(stack.resource('aws_launch_template')['user_data']).toContain('"LOG_GROUP=\'", aws_cloudwatch_log_group.app-logs.name,');
  });

  it('lets instances read only their own artifact (every version of it), and use SSM Session Manager with nothing more', () => {
    const statements = stack
      .resources('aws_iam_role_policy')
      .filter((p) => String(p['role']).includes('instance-role') && p['name'] !== 'ship-own-app-logs')
      .flatMap((p) => JSON.parse(p['policy']).Statement);

    expect(statements).toEqual([
      {
        Sid: 'ReadArtifact',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: [expect.stringMatching(/artifact-bucket.*\}\/greeter\/server\.mjs$/)],
      },
      {
        Sid: 'SessionManager',
        Effect: 'Allow',
        // No ssm:GetParameter*, which AmazonSSMManagedInstanceCore grants on every parameter in the account.
        Action: [
          'ssm:UpdateInstanceInformation',
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
          'ec2messages:AcknowledgeMessage',
          'ec2messages:DeleteMessage',
          'ec2messages:FailMessage',
          'ec2messages:GetEndpoint',
          'ec2messages:GetMessages',
          'ec2messages:SendReply',
        ],
        Resource: '*',
      },
    ]);
    expect(stack.resources('aws_iam_role_policy_attachment')).toHaveLength(0);
  });

  it('tags instances with the standard tags through the group too', () => {
    const tags = Object.fromEntries(stack.resource('aws_autoscaling_group')['tag'].map((t: any) => [t.key, t.propagate_at_launch]));

    expect(tags).toMatchObject({ app: true, environment: true, compute: true, 'managed-by': true, Name: true });
  });

  // AWS puts an interface that names no group in the VPC's default group, which the stack leaves to AWS.
  it('puts every network interface it makes in a security group of its own, never the default one', () => {
    const interfaces = [
      ...stack.resources('aws_launch_template').flatMap((template) => template['network_interfaces'].map((nic: any) => nic['security_groups'])),
      ...stack.resources('aws_lb').map((lb) => lb['security_groups']),
      ...stack
        .resources('aws_vpc_endpoint')
        .filter((e) => e['vpc_endpoint_type'] === 'Interface')
        .map((e) => e['security_group_ids']),
    ];

    expect(interfaces.length).toBeGreaterThanOrEqual(2);
    for (const groups of interfaces) expect(groups).toEqual([expect.stringMatching(/^\$\{aws_security_group\./)]);
    expect(stack.resources('aws_instance')).toEqual([]);
    expect(stack.resources('aws_default_security_group')).toEqual([]);
  });

  it('admits to instances only the load balancer, on the app port; every rule says why', () => {
    const ingress = stack.resources('aws_vpc_security_group_ingress_rule');
    const toInstances = ingress.filter((rule) => String(rule['security_group_id']).includes('instance-sg'));

    expect(toInstances).toEqual([expect.objectContaining({ from_port: 3000, to_port: 3000, referenced_security_group_id: expect.stringContaining('alb-sg') })]);
    for (const rule of [...ingress, ...stack.resources('aws_vpc_security_group_egress_rule')]) expect(rule['description']).toMatch(/\w{3,}/);
    for (const group of stack.resources('aws_security_group')) expect(group['description']).toMatch(/\w{3,}/);
    expect(toInstances.some((rule) => rule['cidr_ipv4'])).toBe(false);
  });

  /** The stack's one deployment hook, an instance refresh: a second would be a stray rollout. */
  const refreshHook = () => {
    const hook = stack.resource('terraform_data');
    expect(hook['provisioner'][0]['local-exec'].environment[KIND_VARIABLE]).toBe('instance-refresh');
    return hook;
  };

  it('rolls a new launch template version out with an instance refresh the deployment hook starts, once the group exists, behind ELB health checks', () => {
    const group = stack.resource('aws_autoscaling_group');
    const rollout = refreshHook();
    const settings = rollout['provisioner'][0]['local-exec'].environment;

    expect(group).toMatchObject({ min_size: 3, desired_capacity: 3, max_size: 12, health_check_type: 'ELB', health_check_grace_period: 120 });
    expect(group['launch_template'].version).toMatch(/latest_version/);
    // The provider's own refresh would save the new version on the group first, so a rollback would return to it.
    expect(group).not.toHaveProperty('instance_refresh');
    expect(rollout['triggers_replace']).toEqual({
      launchTemplateId: expect.stringMatching(/^\$\{aws_launch_template\..*\.id\}$/),
      launchTemplateVersion: expect.stringMatching(/^\$\{aws_launch_template\..*\.latest_version\}$/),
    });
    // After the group and every alarm that may roll it back.
    expect(rollout['depends_on']).toEqual([
      expect.stringMatching(/^aws_autoscaling_group\./),
      ...Array(5).fill(expect.stringMatching(/^aws_cloudwatch_metric_alarm\./)),
    ]);
    expect(stack.resource('aws_launch_template')['lifecycle']).toEqual({ create_before_destroy: true });
    expect(settings).toMatchObject({
      GREETER_DEPLOY_AUTOSCALING_GROUP: expect.stringMatching(/^\$\{aws_autoscaling_group\..*\.name\}$/),
      GREETER_DEPLOY_LAUNCH_TEMPLATE_ID: expect.stringMatching(/^\$\{aws_launch_template\..*\.id\}$/),
      GREETER_DEPLOY_WARMUP_SECONDS: '120',
      GREETER_DEPLOY_CHECKPOINT_DELAY_SECONDS: '300',
    });
  });

  it('rolls a refresh back when any of the environment’s alarms fires', () => {
    const rollout = refreshHook();
    const alarmNames = stack.resources('aws_cloudwatch_metric_alarm').map((alarm) => alarm['alarm_name']);
    const watched: string = rollout['provisioner'][0]['local-exec'].environment.GREETER_DEPLOY_ALARMS;

    expect(alarmNames).toHaveLength(5);
    expect(watched.split(',').sort()).toEqual(
      Object.keys(stack.json.resource['aws_cloudwatch_metric_alarm'])
        .map((id) => `\${aws_cloudwatch_metric_alarm.${id}.alarm_name}`)
        .sort(),
    );
  });

  it('uses a pinned AMI as given, reading nothing from SSM; a checkpoint delay of 0 reaches the refresh as 0', () => {
    const pinned = synthEnvironment({ ...staging, ec2: { ...staging.ec2, amiId: 'ami-0123456789abcdef0', refreshCheckpointDelaySeconds: 0 } });

    expect(pinned.resource('aws_launch_template')['image_id']).toBe('ami-0123456789abcdef0');
    expect(pinned.json.data?.['aws_ssm_parameter']).toBeUndefined();
    expect(pinned.resource('terraform_data')['provisioner'][0]['local-exec'].environment.GREETER_DEPLOY_CHECKPOINT_DELAY_SECONDS).toBe('0');
  });

  it('sets the desired capacity and the launch template version on creation only: the autoscaler and the rollout own them afterwards', () => {
    expect(stack.resource('aws_autoscaling_group')['lifecycle']).toEqual({ ignore_changes: ['desired_capacity', 'launch_template'] });
  });

  it('launches no instance before its artifact is in S3, and writes the artifact only once versioning is on (else it has no version id)', () => {
    expect(stack.resource('aws_autoscaling_group')['depends_on']).toEqual([expect.stringMatching(/^aws_s3_object\.server-artifact$/)]);
    expect(stack.resource('aws_s3_object')['depends_on']).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_s3_bucket_versioning\.artifact-bucket/)]),
    );
  });

  it('names the artifact by its object version in the user data, so every build is a new launch template version', () => {
    const userData = stack.resource('aws_launch_template')['user_data'];

    expect(userData).toContain("ARTIFACT_VERSION_ID='");
    expect(userData).toContain('"ARTIFACT_VERSION_ID=\'", aws_s3_object.server-artifact.version_id,');
  });

  it('scales on request count per target at the capacity the bench gives an m7g.large, per minute', () => {
    const policy = stack.resource('aws_autoscaling_policy');
    // One Node process on one of its two vCPUs, run at half of what it can do.
    const perMinute = Math.floor(MEASURED_SERVER_THROUGHPUT.requestsPerCpuSecond * 1 * 0.5) * 60;

    expect(policy['policy_type']).toBe('TargetTrackingScaling');
    expect(policy['target_tracking_configuration']).toMatchObject({
      target_value: perMinute,
      predefined_metric_specification: { predefined_metric_type: 'ALBRequestCountPerTarget' },
    });
  });

  it('fronts them with an internet-facing ALB: invalid headers dropped, deletion protection on, access logs on', () => {
    expect(stack.resource('aws_lb')).toMatchObject({
      internal: false,
      drop_invalid_header_fields: true,
      enable_deletion_protection: true,
      access_logs: { enabled: true },
    });
  });

  it('redirects HTTP to HTTPS and serves HTTPS with a TLS 1.2+ policy', () => {
    const listeners = stack.resources('aws_lb_listener');
    const https = listeners.find((l) => l['port'] === 443)!;
    const http = listeners.find((l) => l['port'] === 80)!;

    expect(https).toMatchObject({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    // The validated certificate: the listener waits until ACM has issued it.
    expect(https['certificate_arn']).toMatch(/^\$\{aws_acm_certificate_validation\..*\.certificate_arn\}$/);
    expect(http['default_action'][0]).toMatchObject({ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } });
  });

  it('health-checks /health as configured, with a deregistration delay within the app’s shutdown timeout and an idle timeout below the app’s keep-alive', () => {
    const targets = stack.resource('aws_lb_target_group');

    expect(targets['health_check']).toMatchObject({ path: '/health', matcher: '200', interval: 15, unhealthy_threshold: 2 });
    expect(stack.resource('aws_lb')['idle_timeout']).toBe(60);
    const userData = stack.resource('aws_launch_template')['user_data'];
    expect(userData).toContain('"SHUTDOWN_DRAIN_MS=\'", "35000"');
    expect(userData).toContain('"KEEP_ALIVE_TIMEOUT_MS=\'", "65000"');
    expect(Number(targets['deregistration_delay'])).toBeLessThanOrEqual(10);
  });

  it('keeps the artifact in a private, versioned, encrypted bucket reachable only over TLS', () => {
    const blocks = stack.resources('aws_s3_bucket_public_access_block');
    const artifactPolicy = stack.resources('aws_s3_bucket_policy').map((p) => JSON.parse(p['policy']));

    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks)
      expect(block).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    // Both buckets: the artifact's (rollbacks) and the access logs' (recovery).
    const versioning = stack.resources('aws_s3_bucket_versioning');
    expect(versioning).toHaveLength(2);
    for (const v of versioning) expect(v['versioning_configuration']).toEqual({ status: 'Enabled' });
    for (const encryption of stack.resources('aws_s3_bucket_server_side_encryption_configuration')) {
      expect(encryption['rule'][0].apply_server_side_encryption_by_default.sse_algorithm).toBe('AES256');
    }
    for (const policy of artifactPolicy) expect(policy.Statement[0]).toMatchObject({ Sid: 'DenyInsecureTransport', Effect: 'Deny' });
    expect(stack.resource('aws_s3_object')['key']).toBe('greeter/server.mjs');
  });

  it('keeps ten earlier builds readable for rollbacks, and never empties prod’s buckets on destroy', () => {
    const lifecycles = stack.resources('aws_s3_bucket_lifecycle_configuration').flatMap((l) => l['rule']);

    expect(lifecycles.find((rule) => rule.id === 'keep-recent-versions')).toMatchObject({ noncurrent_version_expiration: [{ newer_noncurrent_versions: 10 }] });
    // The access logs really go after their retention: the expired version a day later (no count kept), then its delete marker.
    expect(lifecycles.find((rule) => rule.id === 'expire')).toMatchObject({ expiration: [{ days: 90 }] });
    expect(lifecycles.find((rule) => rule.id === 'expire-replaced-versions')!.noncurrent_version_expiration).toEqual([{ noncurrent_days: 1 }]);
    expect(lifecycles.find((rule) => rule.id === 'remove-expired-delete-markers')).toMatchObject({ expiration: [{ expired_object_delete_marker: true }] });
    for (const bucket of stack.resources('aws_s3_bucket')) expect(bucket['force_destroy']).toBe(false);
  });

  it('deletes the parts of uploads that never completed from every bucket after 7 days', () => {
    const lifecycles = stack.resources('aws_s3_bucket_lifecycle_configuration');

    expect(lifecycles).toHaveLength(stack.resources('aws_s3_bucket').length);
    for (const lifecycle of lifecycles) {
      expect(lifecycle['rule']).toContainEqual(
        expect.objectContaining({
          id: 'abort-incomplete-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        }),
      );
    }
  });

  it('logs who fetched which build: the artifact bucket’s S3 server access logs go to the access-log bucket, which lets S3 write them for that bucket only', () => {
    const logging = stack.resource('aws_s3_bucket_logging');
    const delivery = stack
      .resources('aws_s3_bucket_policy')
      .flatMap((p) => JSON.parse(p['policy']).Statement)
      .find((s: any) => s.Sid === 'S3ServerAccessLogDelivery');

    expect(logging).toMatchObject({
      bucket: expect.stringContaining('artifact-bucket'),
      target_bucket: expect.stringContaining('access-logs'),
      target_prefix: 's3-access-logs/',
    });
    expect(logging['depends_on']).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.service_access-logs/)]);
    expect(delivery).toMatchObject({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: expect.stringMatching(/access-logs.*\.arn\}\/s3-access-logs\/\*$/),
      Condition: { ArnLike: { 'aws:SourceArn': [expect.stringMatching(/artifact-bucket.*\.arn\}$/)] } },
    });
  });

  it('lets the ALB write access logs to its bucket as Elastic Load Balancing in that region', () => {
    const policies = stack.resources('aws_s3_bucket_policy').map((p) => JSON.parse(p['policy']));
    const delivery = policies.flatMap((p) => p.Statement).find((s: any) => s.Sid === 'AlbAccessLogDelivery');

    expect(delivery).toMatchObject({ Principal: { AWS: 'arn:aws:iam::127311923021:root' }, Action: 's3:PutObject' });
  });

  it('creates the certificate, validates it by DNS in the named zone, and points the domain at the ALB', () => {
    expect(Object.values(stack.json.data.aws_route53_zone)).toEqual([expect.objectContaining({ name: 'prod.greeter.test', private_zone: false })]);
    expect(stack.resource('aws_acm_certificate')).toMatchObject({ domain_name: 'api.prod.greeter.test', validation_method: 'DNS' });
    const records = stack.resources('aws_route53_record');
    expect(records.map((r) => r['type'] ?? 'validation')).toContain('A');
    expect(records.find((r) => r['type'] === 'A')).toMatchObject({
      name: 'api.prod.greeter.test',
      alias: { name: expect.stringContaining('aws_lb.'), zone_id: expect.stringContaining('zone_id') },
    });
    expect(stack.json.output.url.value).toBe('https://api.prod.greeter.test/');
  });

  it('uses a given certificate ARN as it is, and leaves DNS to its owner', () => {
    const arn = 'arn:aws:acm:us-east-1:111122223333:certificate/0f6a2c1e-8d1b-4c9e-9a51-3b2f7c4d5e6f';
    const given = synthEnvironment({ ...prod, domain: { domainName: 'api.greeter.test', certificateArn: arn } });

    expect(given.resources('aws_lb_listener').find((l) => l['port'] === 443)!['certificate_arn']).toBe(arn);
    expect(given.resources('aws_acm_certificate')).toHaveLength(0);
    expect(given.resources('aws_route53_record')).toHaveLength(0);
  });
});

describe('the EC2 network (staging: defaults)', () => {
  const stack = synthEnvironment(staging);

  it('spans two zones with public subnets for the ALB and private ones for instances, none handing out public IPs', () => {
    const subnets = stack.resources('aws_subnet');

    expect(subnets).toHaveLength(4);
    expect(new Set(subnets.map((s) => s['availability_zone']))).toEqual(new Set(['eu-west-1a', 'eu-west-1b']));
    for (const subnet of subnets) expect(subnet['map_public_ip_on_launch']).toBe(false);
    expect(stack.resource('aws_autoscaling_group')['vpc_zone_identifier']).toEqual([
      expect.stringContaining('private-0'),
      expect.stringContaining('private-1'),
    ]);
    expect(stack.resource('aws_lb')['subnets']).toEqual([expect.stringContaining('public-0'), expect.stringContaining('public-1')]);
  });

  it('gives instances no route to the internet: S3 through a gateway endpoint, SSM through interface endpoints, no NAT', () => {
    const endpoints = stack.resources('aws_vpc_endpoint');

    expect(stack.resources('aws_nat_gateway')).toHaveLength(0);
    expect(endpoints.map((e) => `${e['vpc_endpoint_type']} ${e['service_name']}`).sort()).toEqual([
      'Gateway com.amazonaws.eu-west-1.s3',
      'Interface com.amazonaws.eu-west-1.ec2messages',
      'Interface com.amazonaws.eu-west-1.logs',
      'Interface com.amazonaws.eu-west-1.ssm',
      'Interface com.amazonaws.eu-west-1.ssmmessages',
    ]);
    const routes = stack.resources('aws_route');
    expect(routes).toHaveLength(1);
    expect(routes[0]!['gateway_id']).toMatch(/internet_gateway/);
  });

  it('lets instances send only HTTPS, to S3 and the VPC’s endpoints, and nowhere on the internet', () => {
    const egress = stack.resources('aws_vpc_security_group_egress_rule').filter((rule) => String(rule['security_group_id']).includes('instance-sg'));

    expect(egress).toHaveLength(2);
    for (const rule of egress) expect(rule).toMatchObject({ from_port: 443, to_port: 443, ip_protocol: 'tcp' });
    expect(egress.map((rule) => rule['cidr_ipv4'] ?? 's3 prefix list')).toEqual(['s3 prefix list', '10.0.0.0/16']);
  });

  it('empties its buckets on destroy, as staging allows', () => {
    for (const bucket of stack.resources('aws_s3_bucket')) expect(bucket['force_destroy']).toBe(true);
  });

  it('serves HTTPS on its domain like prod, and plain HTTP only without a domain; deletion protection off by default', () => {
    expect(
      stack
        .resources('aws_lb_listener')
        .map((l) => `${l['port']} ${l['protocol']}`)
        .sort(),
    ).toEqual(['443 HTTPS', '80 HTTP']);
    const { domain: _domain, ...withoutDomain } = staging;
    expect(synthEnvironment(withoutDomain).resources('aws_lb_listener')).toEqual([
      expect.objectContaining({ port: 80, protocol: 'HTTP', default_action: [expect.objectContaining({ type: 'forward' })] }),
    ]);
    expect(stack.resource('aws_lb')['enable_deletion_protection']).toBe(false);
  });

  it('adds a NAT gateway and its route only when the environment asks', () => {
    const withNat = synthEnvironment({ ...staging, ec2: { ...staging.ec2, createNatGateway: true } });

    expect(withNat.resources('aws_nat_gateway')).toHaveLength(1);
    expect(withNat.resources('aws_route').some((r) => r['nat_gateway_id'])).toBe(true);
  });

  it('scales on CPU when configured', () => {
    const cpu = synthEnvironment({ ...staging, ec2: { ...staging.ec2, scaling: { metric: 'cpuUtilization', target: 60 } } });

    expect(cpu.resource('aws_autoscaling_policy')['target_tracking_configuration']).toMatchObject({
      target_value: 60,
      predefined_metric_specification: { predefined_metric_type: 'ASGAverageCPUUtilization' },
    });
  });
});

describe('the VPC’s flow logs (staging)', () => {
  const stack = synthEnvironment(staging);

  it('records every flow to a log group of its own, with the environment’s retention, through a role that may write only there', () => {
    const group = stack.resources('aws_cloudwatch_log_group').find((g) => g['name'] === '/aws/vpc/greeter-staging/flow-logs')!;
    const policy = JSON.parse(stack.resources('aws_iam_role_policy').find((p) => p['name'] === 'own-log-group-only')!['policy']);

    expect(group['retention_in_days']).toBe(30);
    expect(stack.resource('aws_flow_log')).toMatchObject({
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: expect.stringContaining('flow-logs'),
    });
    expect(policy.Statement[0].Resource).toMatch(/^\$\{aws_cloudwatch_log_group\.network_flow-logs_[0-9A-F]+\.arn\}:\*$/);
  });
});
