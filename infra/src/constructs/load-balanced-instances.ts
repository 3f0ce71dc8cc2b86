import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { elbLogDeliveryPrincipal } from '../elb-log-delivery';
import { SECURE_DEFAULTS } from '../secure-defaults';
import { AlbWebAcl } from './alb-web-acl';
import { instanceProfile, loadBalancerAndInstanceSecurityGroups } from './instance-access';
import { PrivateBucket } from './private-bucket';

/** The load balancer closes idle client and target connections after this; the app keeps its own open longer. */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;

/** Where the load balancer and the instances live (VpcNetwork's outputs). */
export interface InstanceNetwork {
  vpcId: string;
  vpcCidrBlock: string;
  publicSubnetIds: string[];
  privateSubnetIds: string[];
  s3PrefixListId: string;
  /** HTTPS out to the internet (through a NAT gateway); HTTPS to the VPC's interface endpoints and S3 is always allowed. */
  httpsEgressToInternet: boolean;
}

/** What each instance is and may do. */
export interface InstanceSpec {
  /** The AMI id, known when Terraform plans (never `resolve:ssm:`, which instance-refresh rollback does not support). */
  imageId: string;
  instanceType: string;
  rootVolumeGb: number;
  /** The user data, already base64-encoded. */
  userDataBase64: string;
  appPort: number;
  /** S3 object ARNs the instances may read (their artifact). */
  readableObjectArns: string[];
  /** The log group the CloudWatch agent ships the app's logs to. */
  appLogGroupArn: string;
  /** Tags for instances and volumes (launch templates do not inherit provider default tags). */
  tags: Record<string, string>;
  /** The instance metadata service's options; IMDSv2 only unless told otherwise. */
  metadataOptions?: { httpEndpoint: string; httpTokens: string; httpPutResponseHopLimit: number };
}

/** How many instances run, and what the group scales on. */
export interface GroupCapacity {
  min: number;
  desired: number;
  max: number;
  scaling: { metric: 'requestCountPerTarget' | 'cpuUtilization'; target: number };
}

/** How the load balancer judges an instance, and how long a new one has before it counts. */
export interface TargetHealthCheck {
  path: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  unhealthyThreshold: number;
  gracePeriodSeconds: number;
  /** How long a leaving target may finish its requests. */
  deregistrationDelaySeconds: number;
}

/** The load balancer's public side: TLS, protection, logs and the firewall. */
export interface LoadBalancerEdge {
  /** HTTPS with this certificate (HTTP then redirects); plain HTTP without one. */
  certificateArn?: string;
  deletionProtection: boolean;
  accessLogRetentionDays: number;
  /** Whether destroy may delete the access-log bucket with its logs. */
  emptyLogBucketOnDestroy: boolean;
  /** A WAFv2 web ACL on the load balancer, and how long its log of blocked requests is kept; undefined for none. */
  webAcl?: { rateLimitPerFiveMinutes: number; countOnly: boolean; logRetentionDays: number };
  /** The listener's TLS policy; TLS 1.3 preferred and 1.2 allowed unless told otherwise. */
  sslPolicy?: string;
  /** Whether the load balancer drops requests with invalid header fields; it does unless told otherwise. */
  dropInvalidHeaderFields?: boolean;
  /** A second target group the listener splits requests with, and its share in percent (a compute switch). */
  sharedWith?: { targetGroupArn: string; percent: number };
}

export interface LoadBalancedInstancesProps {
  name: string;
  region: string;
  /** A managed policy attached as the permissions boundary of every role this construct creates: the most the role may ever do. */
  permissionsBoundaryArn?: string;
  network: InstanceNetwork;
  instances: InstanceSpec;
  capacity: GroupCapacity;
  healthCheck: TargetHealthCheck;
  edge: LoadBalancerEdge;
  /** Buckets whose S3 server access logs go to the access-log bucket too. */
  serverAccessLogsOf: PrivateBucket[];
  /** Resources that must exist before any instance launches (its artifact). */
  launchAfter: ITerraformDependable[];
}

/**
 * An internet-facing Application Load Balancer in front of an Auto Scaling
 * Group of private instances: HTTPS when a certificate is given (HTTP then
 * redirects), health checks on the app, and target-tracking scaling. Each
 * launch template version is rolled out by InstanceRefreshRollout.
 */
export class LoadBalancedInstances extends Construct {
  readonly albDnsName: string;
  /** What CloudWatch's ALB metrics are dimensioned by. */
  readonly albArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  /** The load balancer's Route 53 zone, for an alias record. */
  readonly albZoneId: string;
  readonly url: string;
  /** The group and its launch template, for the rollout of each new version (InstanceRefreshRollout). */
  readonly group: AutoscalingGroup;
  readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, id: string, props: LoadBalancedInstancesProps) {
    super(scope, id);
    const { albSg, instanceSg } = loadBalancerAndInstanceSecurityGroups(this, props);
    this.launchTemplate = this.instanceTemplate(props, instanceSg.id);
    const alb = this.loadBalancer(props, albSg.id);
    if (props.edge.webAcl) new AlbWebAcl(this, 'waf', { name: props.name, loadBalancerArn: alb.arn, ...props.edge.webAcl });
    const targets = this.targetGroup(props);
    this.listeners(props.edge, alb.arn, targets.arn);
    this.group = this.autoScalingGroup(props, targets.arn);
    this.targetTracking(props, this.group.name, `${alb.arnSuffix}/${targets.arnSuffix}`);

    this.albDnsName = alb.dnsName;
    this.albArnSuffix = alb.arnSuffix;
    this.targetGroupArnSuffix = targets.arnSuffix;
    this.albZoneId = alb.zoneId;
    this.url = props.edge.certificateArn ? `https://${alb.dnsName}/` : `http://${alb.dnsName}/`;
  }

  private instanceTemplate({ name, instances, ...props }: LoadBalancedInstancesProps, securityGroupId: string): LaunchTemplate {
    const { metadataOptions = SECURE_DEFAULTS.instanceMetadata } = instances;
    return new LaunchTemplate(this, 'launch-template', {
      namePrefix: `${name}-`,
      description: 'Greeter server on Amazon Linux 2023',
      imageId: instances.imageId,
      instanceType: instances.instanceType,
      updateDefaultVersion: true,
      iamInstanceProfile: { arn: instanceProfile(this, { name, instances, ...props }).arn },
      metadataOptions: { ...metadataOptions },
      networkInterfaces: [{ associatePublicIpAddress: 'false', securityGroups: [securityGroupId], deleteOnTermination: 'true' }],
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { volumeSize: instances.rootVolumeGb, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } },
      ],
      userData: instances.userDataBase64,
      monitoring: { enabled: true },
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({ resourceType, tags: { ...instances.tags, Name: name } })),
      // Should it ever be replaced, the new template exists before the group's rollout moves off the old one.
      lifecycle: { createBeforeDestroy: true },
    });
  }

  /** The load balancer, in the public subnets, with its access logs in a bucket of their own. */
  private loadBalancer({ name, region, network, edge, serverAccessLogsOf }: LoadBalancedInstancesProps, securityGroupId: string): Lb {
    const { dropInvalidHeaderFields = SECURE_DEFAULTS.dropInvalidHeaderFields } = edge;
    const logs = new PrivateBucket(this, 'access-logs', {
      namePrefix: `${name}-alb-logs-`,
      // Versioned, so a deleted or overwritten log can be recovered until it expires.
      enableVersioning: true,
      // A log expires as a noncurrent version a day after its retention, then its delete marker goes.
      noncurrentVersions: { days: 1 },
      expireAfterDays: edge.accessLogRetentionDays,
      emptyOnDestroy: edge.emptyLogBucketOnDestroy,
      extraPolicyStatements: (bucketArn) => [
        {
          Sid: 'AlbAccessLogDelivery',
          Effect: 'Allow',
          Principal: elbLogDeliveryPrincipal(region),
          Action: 's3:PutObject',
          Resource: `${bucketArn}/AWSLogs/*`,
        },
      ],
      receivesServerAccessLogsOf: serverAccessLogsOf,
    });
    return new Lb(this, 'alb', {
      name: name.slice(0, 32),
      loadBalancerType: 'application',
      internal: false,
      securityGroups: [securityGroupId],
      subnets: network.publicSubnetIds,
      dropInvalidHeaderFields,
      // Shorter than the app's keep-alive timeout (ALB_IDLE_TIMEOUT_SECONDS + 5 s), as AWS advises.
      idleTimeout: ALB_IDLE_TIMEOUT_SECONDS,
      enableDeletionProtection: edge.deletionProtection,
      accessLogs: { bucket: logs.bucketName, enabled: true },
      dependsOn: [logs.bucketPolicy],
      // With deletion protection, Terraform refuses a destroy (or a replacement) before it deletes anything, not midway at the ALB.
      lifecycle: { preventDestroy: edge.deletionProtection },
    });
  }

  private targetGroup({ network, instances, healthCheck }: LoadBalancedInstancesProps): LbTargetGroup {
    return new LbTargetGroup(this, 'targets', {
      namePrefix: 'grt-',
      port: instances.appPort,
      protocol: 'HTTP',
      targetType: 'instance',
      vpcId: network.vpcId,
      deregistrationDelay: String(healthCheck.deregistrationDelaySeconds),
      healthCheck: {
        path: healthCheck.path,
        matcher: '200',
        interval: healthCheck.intervalSeconds,
        timeout: healthCheck.timeoutSeconds,
        healthyThreshold: 2,
        unhealthyThreshold: healthCheck.unhealthyThreshold,
      },
      lifecycle: { createBeforeDestroy: true },
    });
  }

  /** HTTPS forwarding and HTTP redirecting to it with a certificate; plain HTTP forwarding without one. */
  private listeners(
    { certificateArn, sslPolicy = SECURE_DEFAULTS.albSslPolicy, sharedWith }: LoadBalancerEdge,
    loadBalancerArn: string,
    targetGroupArn: string,
  ): void {
    const forward = sharedWith ? [weightedForward(targetGroupArn, sharedWith)] : [{ type: 'forward', targetGroupArn }];
    if (!certificateArn) {
      new LbListener(this, 'http', { loadBalancerArn, port: 80, protocol: 'HTTP', defaultAction: forward });
      return;
    }
    new LbListener(this, 'https', { loadBalancerArn, port: 443, protocol: 'HTTPS', sslPolicy, certificateArn, defaultAction: forward });
    new LbListener(this, 'http-redirect', {
      loadBalancerArn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } }],
    });
  }

  private autoScalingGroup(
    { name, network, instances, capacity, healthCheck, launchAfter }: LoadBalancedInstancesProps,
    targetGroupArn: string,
  ): AutoscalingGroup {
    return new AutoscalingGroup(this, 'asg', {
      namePrefix: `${name}-`,
      minSize: capacity.min,
      // Where the group starts; afterwards scaling owns it, and an apply must not reset it.
      desiredCapacity: capacity.desired,
      maxSize: capacity.max,
      vpcZoneIdentifier: network.privateSubnetIds,
      targetGroupArns: [targetGroupArn],
      healthCheckType: 'ELB',
      healthCheckGracePeriod: healthCheck.gracePeriodSeconds,
      launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.toString() },
      // The group's own tags, propagated to its instances (the launch template tags them too).
      tag: Object.entries({ ...instances.tags, Name: name }).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      // In-service counts for the below-minimum alarm and the dashboard.
      enabledMetrics: ['GroupInServiceInstances', 'GroupDesiredCapacity', 'GroupMinSize', 'GroupMaxSize'],
      // Terraform sets the launch template when it creates the group; afterwards the rollout
      // (InstanceRefreshRollout) moves it, and only once the new version has proven healthy.
      lifecycle: { ignoreChanges: ['desired_capacity', 'launch_template'] },
      dependsOn: launchAfter,
    });
  }

  private targetTracking({ name, capacity: { scaling } }: LoadBalancedInstancesProps, groupName: string, requestCountLabel: string): void {
    new AutoscalingPolicy(this, 'target-tracking', {
      name: `${name}-${scaling.metric}`,
      autoscalingGroupName: groupName,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        targetValue: scaling.target,
        predefinedMetricSpecification:
          scaling.metric === 'cpuUtilization'
            ? { predefinedMetricType: 'ASGAverageCPUUtilization' }
            : { predefinedMetricType: 'ALBRequestCountPerTarget', resourceLabel: requestCountLabel },
      },
    });
  }
}

/** The instances' target group and another, by weight, without stickiness: each request is drawn afresh. */
function weightedForward(instancesArn: string, other: NonNullable<LoadBalancerEdge['sharedWith']>) {
  return {
    type: 'forward',
    forward: {
      targetGroup: [
        { arn: instancesArn, weight: 100 - other.percent },
        { arn: other.targetGroupArn, weight: other.percent },
      ],
      stickiness: { enabled: false, duration: 1 },
    },
  };
}
