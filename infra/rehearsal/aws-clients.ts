import { ACMClient } from '@aws-sdk/client-acm';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { REHEARSAL_KEY } from './emulator-override';

/** The AWS SDK for JavaScript v3, one client per service, all pointed at the emulator in one region, signing as `accessKey` (the rehearsal's own reads by default). */
export function emulatorClients(endpoint: string, region: string, accessKey = REHEARSAL_KEY) {
  const config = { endpoint, region, credentials: { accessKeyId: accessKey, secretAccessKey: 'rehearsal' }, maxAttempts: 2 };
  return {
    acm: new ACMClient(config),
    apigw: new ApiGatewayV2Client(config),
    autoscaling: new AutoScalingClient(config),
    cloudwatch: new CloudWatchClient(config),
    codedeploy: new CodeDeployClient(config),
    ec2: new EC2Client(config),
    elb: new ElasticLoadBalancingV2Client(config),
    iam: new IAMClient(config),
    lambda: new LambdaClient(config),
    logs: new CloudWatchLogsClient(config),
    route53: new Route53Client(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    sns: new SNSClient(config),
    waf: new WAFV2Client(config),
  };
}

export type EmulatorClients = ReturnType<typeof emulatorClients>;
