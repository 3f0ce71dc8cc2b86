import { synthConstructs } from '../../test/synth';
import { LoadBalancedInstances, type LoadBalancedInstancesProps } from './load-balanced-instances';

const minimal: LoadBalancedInstancesProps = {
  name: 'svc',
  region: 'eu-west-1',
  network: {
    vpcId: 'vpc-1',
    vpcCidrBlock: '10.0.0.0/16',
    publicSubnetIds: ['pub-a', 'pub-b'],
    privateSubnetIds: ['priv-a', 'priv-b'],
    s3PrefixListId: 'pl-1',
    httpsEgressToInternet: false,
  },
  instances: {
    imageId: 'ami-0123456789abcdef0',
    instanceType: 't4g.small',
    rootVolumeGb: 8,
    userDataBase64: 'IyEvYmluL3No',
    appPort: 3000,
    readableObjectArns: ['arn:aws:s3:::b/k'],
    appLogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:app',
    tags: { team: 'a' },
  },
  capacity: { min: 1, desired: 2, max: 3, scaling: { metric: 'requestCountPerTarget', target: 600 } },
  healthCheck: { path: '/health', intervalSeconds: 15, timeoutSeconds: 5, unhealthyThreshold: 2, gracePeriodSeconds: 120, deregistrationDelaySeconds: 10 },
  edge: { deletionProtection: false, accessLogRetentionDays: 90, emptyLogBucketOnDestroy: false },
  serverAccessLogsOf: [],
  launchAfter: [],
};
const synth = (change: (props: LoadBalancedInstancesProps) => LoadBalancedInstancesProps = (p) => p) =>
  synthConstructs((scope) => new LoadBalancedInstances(scope, 'service', change(structuredClone(minimal))));

describe('instances behind a load balancer', () => {
  it('launches the given image in the private subnets, IMDSv2 only, encrypted, no public IP, tagged', () => {
    const stack = synth();
    const template = stack.resource('aws_launch_template');

    expect(template).toMatchObject({ image_id: 'ami-0123456789abcdef0', instance_type: 't4g.small', user_data: 'IyEvYmluL3No' });
    expect(template['metadata_options']).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(template['network_interfaces']).toEqual([expect.objectContaining({ associate_public_ip_address: 'false' })]);
    expect(template['block_device_mappings'][0].ebs).toMatchObject({ encrypted: 'true', volume_size: 8 });
    expect(template['tag_specifications'][0].tags).toEqual({ team: 'a', Name: 'svc' });
    expect(stack.resource('aws_autoscaling_group')).toMatchObject({ min_size: 1, desired_capacity: 2, max_size: 3, vpc_zone_identifier: ['priv-a', 'priv-b'] });
  });

  it('keeps the desired count and the template version out of later applies: scaling and the rollout own them', () => {
    expect(synth().resource('aws_autoscaling_group')['lifecycle']).toEqual({ ignore_changes: ['desired_capacity', 'launch_template'] });
  });

  it('health-checks the path given, with the timeout and threshold given, and lets leaving targets drain', () => {
    const targets = synth().resource('aws_lb_target_group');

    expect(targets['health_check']).toMatchObject({ path: '/health', interval: 15, timeout: 5, unhealthy_threshold: 2, matcher: '200' });
    expect(targets).toMatchObject({ port: 3000, deregistration_delay: '10' });
  });

  it('serves plain HTTP without a certificate; with one, HTTPS with a TLS 1.3/1.2 policy and HTTP redirecting to it', () => {
    const plain = synth().resources('aws_lb_listener');
    const tls = synth((p) => ({ ...p, edge: { ...p.edge, certificateArn: 'arn:cert' } })).resources('aws_lb_listener');

    expect(plain.map((l) => `${l['port']} ${l['default_action'][0].type}`)).toEqual(['80 forward']);
    expect(tls.map((l) => `${l['port']} ${l['default_action'][0].type}`).sort()).toEqual(['443 forward', '80 redirect']);
    expect(tls.find((l) => l['port'] === 443)!['ssl_policy']).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
  });

  it('drops invalid header fields and logs access, and protects the load balancer when asked', () => {
    const open = synth().resource('aws_lb');
    const guarded = synth((p) => ({ ...p, edge: { ...p.edge, deletionProtection: true } })).resource('aws_lb');

    expect(open).toMatchObject({ internal: false, drop_invalid_header_fields: true, enable_deletion_protection: false, subnets: ['pub-a', 'pub-b'] });
    expect(open['access_logs']).toMatchObject({ enabled: true });
    expect(guarded).toMatchObject({ enable_deletion_protection: true, lifecycle: { prevent_destroy: true } });
  });

  it('scales on request count per target, or on CPU', () => {
    const byRequests = synth().resource('aws_autoscaling_policy')['target_tracking_configuration'];
    const byCpu = synth((p) => ({ ...p, capacity: { ...p.capacity, scaling: { metric: 'cpuUtilization', target: 40 } } })).resource('aws_autoscaling_policy')[
      'target_tracking_configuration'
    ];

    expect(byRequests).toMatchObject({ target_value: 600, predefined_metric_specification: { predefined_metric_type: 'ALBRequestCountPerTarget' } });
    expect(byCpu).toMatchObject({ target_value: 40, predefined_metric_specification: { predefined_metric_type: 'ASGAverageCPUUtilization' } });
  });

  it('puts a web ACL in front only when one is given', () => {
    expect(synth().resources('aws_wafv2_web_acl')).toEqual([]);
    expect(
      synth((p) => ({ ...p, edge: { ...p.edge, webAcl: { rateLimitPerFiveMinutes: 100, countOnly: false, logRetentionDays: 7 } } })).resources(
        'aws_wafv2_web_acl',
      ),
    ).toHaveLength(1);
  });
});
