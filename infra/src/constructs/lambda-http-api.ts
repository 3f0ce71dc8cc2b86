import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2ApiMapping } from '@cdktf/provider-aws/lib/apigatewayv2-api-mapping';
import { Apigatewayv2DomainName } from '@cdktf/provider-aws/lib/apigatewayv2-domain-name';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { AssetType, type ITerraformDependable, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument, SECURE_DEFAULTS } from '../secure-defaults';
import type { AliasTarget } from './domain-certificate';

export interface LambdaHttpApiProps {
  /** A managed policy attached as the permissions boundary of every role this construct creates: the most the role may ever do. */
  permissionsBoundaryArn?: string;
  /** Names the function, its role, log groups and API. */
  name: string;
  /** The zipped Lambda artifact, and its SHA-256 in base64 (Lambda's code hash). */
  artifactZipPath: string;
  artifactSha256Base64: string;
  handler: string;
  runtime: string;
  architecture: 'arm64' | 'x86_64';
  memoryMb: number;
  timeoutSeconds: number;
  reservedConcurrency?: number;
  /** 0 for none. */
  provisionedConcurrency: number;
  logRetentionDays: number;
  throttle: { rateLimit: number; burstLimit: number };
  domain?: { domainName: string; certificateArn: string };
}

/** The alias API Gateway invokes. */
export const LIVE_ALIAS = 'live';

/** The JSON access log line API Gateway writes per request. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

/**
 * A Lambda function (published versions behind a `live` alias, which
 * LambdaProgressiveDelivery moves after the first deploy) answering an
 * API Gateway HTTP API on its `$default` stage, with its own log groups,
 * X-Ray tracing and a role that can write only to its own log group.
 */
export class LambdaHttpApi extends Construct {
  readonly lambdaFunctionArn: string;
  readonly functionName: string;
  /** The version this deploy published: where CodeDeploy moves the alias. */
  readonly publishedVersion: string;
  /** The `live` alias and its provisioned concurrency: a rollout starts once they exist. */
  readonly aliasResources: ITerraformDependable[];
  readonly apiId: string;
  /** The public URL: the custom domain when one is configured, else the stage's invoke URL. */
  readonly url: string;
  /** Where the custom domain's DNS record must point, when there is one. */
  readonly domainTarget?: AliasTarget;

  constructor(scope: Construct, id: string, props: LambdaHttpApiProps) {
    super(scope, id);

    const functionName = props.name;
    const functionLogs = new CloudwatchLogGroup(this, 'function-logs', {
      name: `/aws/lambda/${functionName}`,
      retentionInDays: props.logRetentionDays,
    });

    const role = new IamRole(this, 'execution-role', {
      name: `${functionName}-lambda`,
      description: `Runs the ${functionName} function: writes its own logs and X-Ray traces, nothing else`,
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'),
      permissionsBoundary: props.permissionsBoundaryArn,
    });
    new IamRolePolicy(this, 'execution-policy', {
      name: 'own-logs-and-traces',
      role: role.id,
      policy: policyDocument([
        { Sid: 'OwnLogGroupOnly', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${functionLogs.arn}:*` },
        { Sid: 'XRayTraces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      ]),
    });

    const code = new TerraformAsset(this, 'code', { path: props.artifactZipPath, type: AssetType.FILE });
    const fn = new LambdaFunction(this, 'function', {
      functionName,
      description: 'Greeter API (NestJS on Fastify)',
      role: role.arn,
      runtime: props.runtime,
      architectures: [props.architecture],
      handler: props.handler,
      filename: code.path,
      sourceCodeHash: props.artifactSha256Base64,
      publish: true,
      memorySize: props.memoryMb,
      timeout: props.timeoutSeconds,
      reservedConcurrentExecutions: props.reservedConcurrency ?? -1,
      tracingConfig: { mode: SECURE_DEFAULTS.lambdaTracingMode },
      loggingConfig: { logFormat: 'JSON', logGroup: functionLogs.name },
      dependsOn: [functionLogs],
    });

    // API Gateway always invokes the alias. Terraform points it at the first version only;
    // from then on CodeDeploy moves it (LambdaProgressiveDelivery), canary weights included.
    const alias = new LambdaAlias(this, 'live', {
      name: LIVE_ALIAS,
      description: 'The version API Gateway invokes; moved by CodeDeploy',
      functionName: fn.functionName,
      functionVersion: fn.version,
      lifecycle: { ignoreChanges: ['function_version', 'routing_config'] },
    });
    this.aliasResources = [alias];
    if (props.provisionedConcurrency > 0) {
      const provisioned = new LambdaProvisionedConcurrencyConfig(this, 'provisioned-concurrency', {
        functionName: fn.functionName,
        qualifier: alias.name,
        provisionedConcurrentExecutions: props.provisionedConcurrency,
      });
      this.aliasResources.push(provisioned);
    }

    const api = new Apigatewayv2Api(this, 'http-api', {
      name: functionName,
      protocolType: 'HTTP',
      description: `HTTP API in front of ${functionName}`,
      // With a custom domain, the execute-api URL would bypass it.
      disableExecuteApiEndpoint: props.domain !== undefined,
    });
    const integration = new Apigatewayv2Integration(this, 'integration', {
      apiId: api.id,
      integrationType: 'AWS_PROXY',
      integrationUri: alias.invokeArn,
      payloadFormatVersion: '2.0',
      timeoutMilliseconds: Math.min(30_000, props.timeoutSeconds * 1000 + 1000),
    });
    new Apigatewayv2Route(this, 'default-route', { apiId: api.id, routeKey: '$default', target: `integrations/${integration.id}` });

    const accessLogs = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${functionName}/access`,
      retentionInDays: props.logRetentionDays,
    });
    const stage = new Apigatewayv2Stage(this, 'default-stage', {
      apiId: api.id,
      name: '$default',
      autoDeploy: true,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: { throttlingRateLimit: props.throttle.rateLimit, throttlingBurstLimit: props.throttle.burstLimit },
    });

    new LambdaPermission(this, 'invoke-from-api', {
      statementId: 'AllowInvokeFromThisHttpApiOnly',
      action: 'lambda:InvokeFunction',
      functionName: fn.functionName,
      qualifier: alias.name,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${api.executionArn}/*/*`,
    });

    let url = stage.invokeUrl;
    if (props.domain) {
      const domain = new Apigatewayv2DomainName(this, 'domain', {
        domainName: props.domain.domainName,
        domainNameConfiguration: { certificateArn: props.domain.certificateArn, endpointType: 'REGIONAL', securityPolicy: 'TLS_1_2' },
      });
      new Apigatewayv2ApiMapping(this, 'domain-mapping', { apiId: api.id, domainName: domain.id, stage: stage.id });
      url = `https://${props.domain.domainName}/`;
      this.domainTarget = { dnsName: domain.domainNameConfiguration.targetDomainName, zoneId: domain.domainNameConfiguration.hostedZoneId };
    }

    this.lambdaFunctionArn = fn.arn;
    this.functionName = fn.functionName;
    this.publishedVersion = fn.version;
    this.apiId = api.id;
    this.url = url;
  }
}
