import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { TerraformOutput } from 'cdktf';
import { LambdaHttpApi, LIVE_ALIAS } from '../constructs/lambda-http-api';
import { LambdaProgressiveDelivery } from '../constructs/lambda-progressive-delivery';
import { lambdaGoldenSignals } from '../operations/golden-signals';
import { deploymentStrategyMinutes } from '@greeter/environment-config';
import { type ComputeContext, type ComputeParts, tagCompute } from './compute-context';

export const LAMBDA_RUNTIME = 'nodejs22.x';

/** The function behind an HTTP API and its alarms; CodeDeploy moves its live alias once the alarms exist. */
export function lambdaCompute({ stack, name, env, artifacts, permissionsBoundaryArn, certificate }: ComputeContext): ComputeParts & { api: LambdaHttpApi } {
  const { lambda } = env;
  const api = new LambdaHttpApi(stack, 'lambda-http-api', {
    name,
    permissionsBoundaryArn,
    artifact: { zipPath: artifacts.lambdaZip.path, sha256Base64: artifacts.lambdaZip.sha256Base64, handler: 'index.handler', runtime: LAMBDA_RUNTIME },
    sizing: { architecture: lambda.architecture, memoryMb: lambda.memoryMb, timeoutSeconds: lambda.timeoutSeconds },
    concurrency: { reserved: lambda.reservedConcurrency, provisioned: lambda.provisionedConcurrency },
    logRetentionDays: env.logRetentionDays,
    throttle: lambda.throttle,
    domain: env.domain && certificate ? { domainName: env.domain.domainName, certificateArn: certificate.certificateArn } : undefined,
  });
  tagCompute('lambda', api);
  new TerraformOutput(stack, 'lambda_function_arn', { value: api.lambdaFunctionArn });
  const signals = lambdaGoldenSignals({
    functionName: api.functionName,
    apiId: api.apiId,
    timeoutSeconds: lambda.timeoutSeconds,
    reservedConcurrency: lambda.reservedConcurrency,
    alarms: env.alarms,
  });
  const withAlarms = (alarms: CloudwatchMetricAlarm[]) => {
    const delivery = new LambdaProgressiveDelivery(stack, 'progressive-delivery', {
      name,
      permissionsBoundaryArn,
      region: env.region,
      function: {
        name: api.functionName,
        arn: api.lambdaFunctionArn,
        alias: LIVE_ALIAS,
        aliasResources: api.aliasResources,
        publishedVersion: api.publishedVersion,
      },
      strategy: { name: lambda.deploymentStrategy, minutes: deploymentStrategyMinutes(lambda.deploymentStrategy) },
      rollbackAlarms: alarms,
    });
    tagCompute('lambda', delivery);
    new TerraformOutput(stack, 'codedeploy_deployment_group', {
      value: `${delivery.applicationName}/${delivery.deploymentGroupName}`,
      description: 'The CodeDeploy application and deployment group that move the live alias (aws deploy list-deployments)',
    });
  };
  return { api, url: api.url, front: api.domainTarget, signals, withAlarms };
}
