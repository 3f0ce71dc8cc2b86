import { synthConstructs } from '../../test/synth';
import { LambdaHttpApi, type LambdaHttpApiProps, LIVE_ALIAS } from './lambda-http-api';

const minimal: LambdaHttpApiProps = {
  name: 'fn',
  artifact: { zipPath: __filename, sha256Base64: 'abc=', handler: 'index.handler', runtime: 'nodejs22.x' },
  sizing: { architecture: 'arm64', memoryMb: 512, timeoutSeconds: 10 },
  concurrency: { provisioned: 0 },
  logRetentionDays: 30,
  throttle: { rateLimit: 100, burstLimit: 200 },
};
const synth = (change: Partial<LambdaHttpApiProps> = {}) => synthConstructs((scope) => new LambdaHttpApi(scope, 'api', { ...minimal, ...change }));

describe('a function behind an HTTP API', () => {
  it('publishes each version of the artifact, traced, logging JSON to a group of its own', () => {
    const fn = synth().resource('aws_lambda_function');

    expect(fn).toMatchObject({
      function_name: 'fn',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      architectures: ['arm64'],
      memory_size: 512,
      timeout: 10,
      publish: true,
      source_code_hash: 'abc=',
      reserved_concurrent_executions: -1,
      tracing_config: { mode: 'Active' },
      logging_config: { log_format: 'JSON' },
    });
  });

  it('lets its role write only its own log group and X-Ray', () => {
    const [logs, traces] = JSON.parse(synth().resource('aws_iam_role_policy')['policy']).Statement;

    expect(logs).toMatchObject({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: expect.stringMatching(/function-logs.*\.arn\}:\*$/) });
    expect(traces.Action).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
  });

  it(`invokes the ${LIVE_ALIAS} alias, which CodeDeploy moves, not Terraform, and only from this API`, () => {
    const stack = synth();

    expect(stack.resource('aws_lambda_alias')).toMatchObject({ name: LIVE_ALIAS, lifecycle: { ignore_changes: ['function_version', 'routing_config'] } });
    expect(stack.resource('aws_apigatewayv2_integration')['integration_uri']).toMatch(/aws_lambda_alias\..*\.invoke_arn/);
    expect(stack.resource('aws_lambda_permission')).toMatchObject({
      principal: 'apigateway.amazonaws.com',
      qualifier: expect.stringMatching(/aws_lambda_alias/),
    });
  });

  it('throttles the stage and logs its access as given; keeps provisioned concurrency on the alias only when asked', () => {
    const stack = synth({ concurrency: { reserved: 10, provisioned: 2 } });

    expect(stack.resource('aws_apigatewayv2_stage')['default_route_settings']).toEqual({ throttling_rate_limit: 100, throttling_burst_limit: 200 });
    expect(stack.resource('aws_lambda_function')['reserved_concurrent_executions']).toBe(10);
    expect(stack.resource('aws_lambda_provisioned_concurrency_config')['provisioned_concurrent_executions']).toBe(2);
    expect(synth().resources('aws_lambda_provisioned_concurrency_config')).toEqual([]);
  });

  it('serves a custom domain instead of the execute-api URL when given one', () => {
    const stack = synth({ domain: { domainName: 'api.example.test', certificateArn: 'arn:cert' } });

    expect(stack.resource('aws_apigatewayv2_api')['disable_execute_api_endpoint']).toBe(true);
    expect(stack.resource('aws_apigatewayv2_domain_name')['domain_name_configuration']).toMatchObject({
      certificate_arn: 'arn:cert',
      security_policy: 'TLS_1_2',
    });
    expect(synth().resource('aws_apigatewayv2_api')['disable_execute_api_endpoint']).toBe(false);
  });
});
