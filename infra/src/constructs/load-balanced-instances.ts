import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { HEALTH_CHECK_TIMEOUT_SECONDS } from '@greeter/environment-config';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { elbLogDeliveryPrincipal } from '../elb-log-delivery';
import { SECURE_DEFAULTS } from '../secure-defaults';
import { AlbWebAcl } from './alb-web-acl';
import { instanceProfile, loadBalancerAndInstanceSecurityGroups } from './instance-access';
import { PrivateBucket } from './private-bucket';

/** The load balancer closes idle client and target connections after this; the app keeps its own open longer. */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;

export interface LoadBalancedInstancesProps {
  /** A managed policy attached as the permissions boundary of every role this construct creates: the most the role may ever do. */
  permissionsBoundaryArn?: string;
  name: string;
  region: string;
  vpcId: string;
  vpcCidrBlock: string;
  publicSubnetIds: string[];
  privateSubnetIds: string[];
  s3PrefixListId: string;
  /** The AMI id, known when Terraform plans (never `resolve:ssm:`, which instance-refresh rollback does not support). */
  imageId: string;
  instanceType: string;
  rootVolumeGb: number;
  /** The user data, already base64-encoded. */
  userDataBase64: string;
  /** S3 object ARNs the instances may read (their artifact). */
  readableObjectArns: string[];
  /** The log group the CloudWatch agent ships the app's logs to. */
  appLogGroupArn: string;
  appPort: number;
  healthCheckPath: string;
  minInstances: number;
  desiredInstances: number;
  maxInstances: number;
  healthCheckGracePeriodSeconds: number;
  deregistrationDelaySeconds: number;
  healthCheckIntervalSeconds: number;
  healthCheckUnhealthyThreshold: number;
  scaling: { metric: 'requestCountPerTarget' | 'cpuUtilization'; target: number };
  certificateArn?: string;
  enableDeletionProtection: boolean;
  accessLogRetentionDays: number;
  /** Extra egress an instance needs beyond S3 (e.g. HTTPS to the VPC's interface endpoints, or anywhere through a NAT). */
  allowHttpsEgressToVpc: boolean;
  allowHttpsEgressToInternet: boolean;
  /** Tags for instances and volumes (launch templates do not inherit provider default tags). */
  instanceTags: Record<string, string>;
  /** Whether destroy may delete the access-log bucket with its logs. */
  emptyBucketsOnDestroy: boolean;
  /** A WAFv2 web ACL on the load balancer, and how long its log of blocked requests is kept; undefined for none. */
  webAcl?: { rateLimitPerFiveMinutes: number; countOnly: boolean; logRetentionDays: number };
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
    const profile = instanceProfile(this, props);

    const launchTemplate = new LaunchTemplate(this, 'launch-template', {
      namePrefix: `${props.name}-`,
      description: 'Greeter server on Amazon Linux 2023',
      imageId: props.imageId,
      instanceType: props.instanceType,
      updateDefaultVersion: true,
      iamInstanceProfile: { arn: profile.arn },
      metadataOptions: { ...SECURE_DEFAULTS.instanceMetadata },
      networkInterfaces: [{ associatePublicIpAddress: 'false', securityGroups: [instanceSg.id], deleteOnTermination: 'true' }],
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { volumeSize: props.rootVolumeGb, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } },
      ],
      userData: props.userDataBase64,
      monitoring: { enabled: true },
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({
        resourceType,
        tags: { ...props.instanceTags, Name: props.name },
      })),
      // Should it ever be replaced, the new template exists before the group's rollout moves off the old one.
      lifecycle: { createBeforeDestroy: true },
    });

    const logs = new PrivateBucket(this, 'access-logs', {
      namePrefix: `${props.name}-alb-logs-`,
      // Versioned, so a deleted or overwritten log can be recovered until it expires.
      enableVersioning: true,
      // A log expires as a noncurrent version a day after its retention, then its delete marker goes.
      noncurrentVersions: { days: 1 },
      expireAfterDays: props.accessLogRetentionDays,
      emptyOnDestroy: props.emptyBucketsOnDestroy,
      extraPolicyStatements: (bucketArn) => [
        {
          Sid: 'AlbAccessLogDelivery',
          Effect: 'Allow',
          Principal: elbLogDeliveryPrincipal(props.region),
          Action: 's3:PutObject',
          Resource: `${bucketArn}/AWSLogs/*`,
        },
      ],
      receivesServerAccessLogsOf: props.serverAccessLogsOf,
    });

    const alb = new Lb(this, 'alb', {
      name: props.name.slice(0, 32),
      loadBalancerType: 'application',
      internal: false,
      securityGroups: [albSg.id],
      subnets: props.publicSubnetIds,
      dropInvalidHeaderFields: SECURE_DEFAULTS.dropInvalidHeaderFields,
      // Shorter than the app's keep-alive timeout (ALB_IDLE_TIMEOUT_SECONDS + 5 s), as AWS advises.
      idleTimeout: ALB_IDLE_TIMEOUT_SECONDS,
      enableDeletionProtection: props.enableDeletionProtection,
      accessLogs: { bucket: logs.bucketName, enabled: true },
      dependsOn: [logs.bucketPolicy],
      // With deletion protection, Terraform refuses a destroy (or a replacement) before it deletes anything, not midway at the ALB.
      lifecycle: { preventDestroy: props.enableDeletionProtection },
    });

    if (props.webAcl) new AlbWebAcl(this, 'waf', { name: props.name, loadBalancerArn: alb.arn, ...props.webAcl });

    const targets = new LbTargetGroup(this, 'targets', {
      namePrefix: 'grt-',
      port: props.appPort,
      protocol: 'HTTP',
      targetType: 'instance',
      vpcId: props.vpcId,
      deregistrationDelay: String(props.deregistrationDelaySeconds),
      healthCheck: {
        path: props.healthCheckPath,
        matcher: '200',
        interval: props.healthCheckIntervalSeconds,
        timeout: HEALTH_CHECK_TIMEOUT_SECONDS,
        healthyThreshold: 2,
        unhealthyThreshold: props.healthCheckUnhealthyThreshold,
      },
      lifecycle: { createBeforeDestroy: true },
    });

    if (props.certificateArn) {
      new LbListener(this, 'https', {
        loadBalancerArn: alb.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: SECURE_DEFAULTS.albSslPolicy,
        certificateArn: props.certificateArn,
        defaultAction: [{ type: 'forward', targetGroupArn: targets.arn }],
      });
      new LbListener(this, 'http-redirect', {
        loadBalancerArn: alb.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } }],
      });
    } else {
      new LbListener(this, 'http', {
        loadBalancerArn: alb.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [{ type: 'forward', targetGroupArn: targets.arn }],
      });
    }

    const group = new AutoscalingGroup(this, 'asg', {
      namePrefix: `${props.name}-`,
      minSize: props.minInstances,
      // Where the group starts; afterwards scaling owns it, and an apply must not reset it.
      desiredCapacity: props.desiredInstances,
      maxSize: props.maxInstances,
      vpcZoneIdentifier: props.privateSubnetIds,
      targetGroupArns: [targets.arn],
      healthCheckType: 'ELB',
      healthCheckGracePeriod: props.healthCheckGracePeriodSeconds,
      launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.toString() },
      // The group's own tags, propagated to its instances (the launch template tags them too).
      tag: Object.entries({ ...props.instanceTags, Name: props.name }).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      // In-service counts for the below-minimum alarm and the dashboard.
      enabledMetrics: ['GroupInServiceInstances', 'GroupDesiredCapacity', 'GroupMinSize', 'GroupMaxSize'],
      // Terraform sets the launch template when it creates the group; afterwards the rollout
      // (InstanceRefreshRollout) moves it, and only once the new version has proven healthy.
      lifecycle: { ignoreChanges: ['desired_capacity', 'launch_template'] },
      dependsOn: props.launchAfter,
    });

    new AutoscalingPolicy(this, 'target-tracking', {
      name: `${props.name}-${props.scaling.metric}`,
      autoscalingGroupName: group.name,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        targetValue: props.scaling.target,
        predefinedMetricSpecification:
          props.scaling.metric === 'cpuUtilization'
            ? { predefinedMetricType: 'ASGAverageCPUUtilization' }
            : { predefinedMetricType: 'ALBRequestCountPerTarget', resourceLabel: `${alb.arnSuffix}/${targets.arnSuffix}` },
      },
    });

    this.group = group;
    this.launchTemplate = launchTemplate;
    this.albDnsName = alb.dnsName;
    this.albArnSuffix = alb.arnSuffix;
    this.targetGroupArnSuffix = targets.arnSuffix;
    this.albZoneId = alb.zoneId;
    this.url = props.certificateArn ? `https://${alb.dnsName}/` : `http://${alb.dnsName}/`;
  }
}
