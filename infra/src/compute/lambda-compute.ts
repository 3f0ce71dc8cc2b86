import { TerraformOutput } from 'cdktf';
import { DomainCertificate } from '../constructs/domain-certificate';
import { LambdaHttpApi, LIVE_ALIAS } from '../constructs/lambda-http-api';
import { LambdaProgressiveDelivery } from '../constructs/lambda-progressive-delivery';
import { lambdaGoldenSignals } from '../operations/golden-signals';
import { deploymentStrategyMinutes } from '@greeter/environment-config';
import type { ComputeContext } from './compute-context';

export const LAMBDA_RUNTIME = 'nodejs22.x';

/** The function behind an HTTP API, its alarms, and CodeDeploy moving its live alias; returns the API's URL. */
export function lambdaCompute({ stack, name, env, artifacts, permissionsBoundaryArn, operations }: ComputeContext): string {
  const certificate = env.domain ? new DomainCertificate(stack, 'domain-certificate', env.domain) : undefined;
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
  if (certificate && api.domainTarget) certificate.aliasTo(api.domainTarget);
  new TerraformOutput(stack, 'lambda_function_arn', { value: api.lambdaFunctionArn });
  const ops = operations(
    lambdaGoldenSignals({
      functionName: api.functionName,
      apiId: api.apiId,
      timeoutSeconds: lambda.timeoutSeconds,
      reservedConcurrency: lambda.reservedConcurrency,
      alarms: env.alarms,
    }),
  );
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
    rollbackAlarms: ops.alarms,
  });
  new TerraformOutput(stack, 'codedeploy_deployment_group', {
    value: `${delivery.applicationName}/${delivery.deploymentGroupName}`,
    description: 'The CodeDeploy application and deployment group that move the live alias (aws deploy list-deployments)',
  });
  return api.url;
}
