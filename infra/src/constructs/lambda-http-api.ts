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

/** The zipped Lambda artifact and how Lambda runs it. */
export interface LambdaArtifact {
  zipPath: string;
  /** Its SHA-256 in base64 (Lambda's code hash). */
  sha256Base64: string;
  handler: string;
  runtime: string;
}

export interface LambdaHttpApiProps {
  /** A managed policy attached as the permissions boundary of every role this construct creates: the most the role may ever do. */
  permissionsBoundaryArn?: string;
  /** Names the function, its role, log groups and API. */
  name: string;
  artifact: LambdaArtifact;
  sizing: { architecture: 'arm64' | 'x86_64'; memoryMb: number; timeoutSeconds: number };
  /** Reserved caps concurrent executions (unset: the account's pool); provisioned keeps environments warm on the alias (0: none). */
  concurrency: { reserved?: number; provisioned: number };
  logRetentionDays: number;
  throttle: { rateLimit: number; burstLimit: number };
  domain?: { domainName: string; certificateArn: string };
  /** X-Ray tracing of every invocation; active unless told otherwise. */
  tracingMode?: string;
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
  /** The `live` alias, which every front end invokes. */
  readonly liveAliasTarget: { name: string; arn: string };
  /** The version this deploy published: where CodeDeploy moves the alias. */
  readonly publishedVersion: string;
  /** The `live` alias and its provisioned concurrency: a rollout starts once they exist. */
  readonly aliasResources: ITerraformDependable[] = [];
  readonly apiId: string;
  /** The public URL: the custom domain when one is configured, else the stage's invoke URL. */
  readonly url: string;
  /** Where the custom domain's DNS record must point, when there is one. */
  domainTarget?: AliasTarget;

  constructor(scope: Construct, id: string, props: LambdaHttpApiProps) {
    super(scope, id);
    const fn = this.function(props);
    const alias = this.liveAlias(fn, props.concurrency.provisioned);
    const { api, stage } = this.httpApi(props, alias);
    new LambdaPermission(this, 'invoke-from-api', {
      statementId: 'AllowInvokeFromThisHttpApiOnly',
      action: 'lambda:InvokeFunction',
      functionName: fn.functionName,
      qualifier: alias.name,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${api.executionArn}/*/*`,
    });
    this.url = props.domain ? this.customDomain(props.domain, api.id, stage.id) : stage.invokeUrl;
    this.lambdaFunctionArn = fn.arn;
    this.liveAliasTarget = { name: alias.name, arn: alias.arn };
    this.functionName = fn.functionName;
    this.publishedVersion = fn.version;
    this.apiId = api.id;
  }

  /** The function, its log group, and a role that writes only there and to X-Ray. */
  private function({
    name,
    permissionsBoundaryArn,
    artifact,
    sizing,
    concurrency,
    logRetentionDays,
    tracingMode = SECURE_DEFAULTS.lambdaTracingMode,
  }: LambdaHttpApiProps) {
    const functionLogs = new CloudwatchLogGroup(this, 'function-logs', { name: `/aws/lambda/${name}`, retentionInDays: logRetentionDays });
    const role = new IamRole(this, 'execution-role', {
      name: `${name}-lambda`,
      description: `Runs the ${name} function: writes its own logs and X-Ray traces, nothing else`,
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'),
      permissionsBoundary: permissionsBoundaryArn,
    });
    new IamRolePolicy(this, 'execution-policy', {
      name: 'own-logs-and-traces',
      role: role.id,
      policy: policyDocument([
        { Sid: 'OwnLogGroupOnly', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${functionLogs.arn}:*` },
        { Sid: 'XRayTraces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      ]),
    });
    const code = new TerraformAsset(this, 'code', { path: artifact.zipPath, type: AssetType.FILE });
    return new LambdaFunction(this, 'function', {
      functionName: name,
      description: 'Greeter API (NestJS on Fastify)',
      role: role.arn,
      runtime: artifact.runtime,
      architectures: [sizing.architecture],
      handler: artifact.handler,
      filename: code.path,
      sourceCodeHash: artifact.sha256Base64,
      publish: true,
      memorySize: sizing.memoryMb,
      timeout: sizing.timeoutSeconds,
      reservedConcurrentExecutions: concurrency.reserved ?? -1,
      tracingConfig: { mode: tracingMode },
      loggingConfig: { logFormat: 'JSON', logGroup: functionLogs.name },
      dependsOn: [functionLogs],
    });
  }

  /**
   * API Gateway always invokes the alias. Terraform points it at the first version only;
   * from then on CodeDeploy moves it (LambdaProgressiveDelivery), canary weights included.
   */
  private liveAlias(fn: LambdaFunction, provisioned: number): LambdaAlias {
    const alias = new LambdaAlias(this, 'live', {
      name: LIVE_ALIAS,
      description: 'The version API Gateway invokes; moved by CodeDeploy',
      functionName: fn.functionName,
      functionVersion: fn.version,
      lifecycle: { ignoreChanges: ['function_version', 'routing_config'] },
    });
    this.aliasResources.push(alias);
    if (provisioned > 0) {
      this.aliasResources.push(
        new LambdaProvisionedConcurrencyConfig(this, 'provisioned-concurrency', {
          functionName: fn.functionName,
          qualifier: alias.name,
          provisionedConcurrentExecutions: provisioned,
        }),
      );
    }
    return alias;
  }

  /** The HTTP API on its `$default` stage, proxying every route to the alias, with its access log. */
  private httpApi({ name, sizing, logRetentionDays, throttle, domain }: LambdaHttpApiProps, alias: LambdaAlias) {
    const api = new Apigatewayv2Api(this, 'http-api', {
      name,
      protocolType: 'HTTP',
      description: `HTTP API in front of ${name}`,
      // With a custom domain, the execute-api URL would bypass it.
      disableExecuteApiEndpoint: domain !== undefined,
    });
    const integration = new Apigatewayv2Integration(this, 'integration', {
      apiId: api.id,
      integrationType: 'AWS_PROXY',
      integrationUri: alias.invokeArn,
      payloadFormatVersion: '2.0',
      timeoutMilliseconds: Math.min(30_000, sizing.timeoutSeconds * 1000 + 1000),
    });
    new Apigatewayv2Route(this, 'default-route', { apiId: api.id, routeKey: '$default', target: `integrations/${integration.id}` });
    const accessLogs = new CloudwatchLogGroup(this, 'access-logs', { name: `/aws/apigateway/${name}/access`, retentionInDays: logRetentionDays });
    const stage = new Apigatewayv2Stage(this, 'default-stage', {
      apiId: api.id,
      name: '$default',
      autoDeploy: true,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: { throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit },
    });
    return { api, stage };
  }

  /** The custom domain mapped to the stage; returns its URL, and sets where its DNS record must point. */
  private customDomain(domain: NonNullable<LambdaHttpApiProps['domain']>, apiId: string, stageId: string): string {
    const name = new Apigatewayv2DomainName(this, 'domain', {
      domainName: domain.domainName,
      domainNameConfiguration: { certificateArn: domain.certificateArn, endpointType: 'REGIONAL', securityPolicy: 'TLS_1_2' },
    });
    new Apigatewayv2ApiMapping(this, 'domain-mapping', { apiId, domainName: name.id, stage: stageId });
    this.domainTarget = { dnsName: name.domainNameConfiguration.targetDomainName, zoneId: name.domainNameConfiguration.hostedZoneId };
    return `https://${domain.domainName}/`;
  }
}
