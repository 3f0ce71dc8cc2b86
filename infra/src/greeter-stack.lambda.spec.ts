import { ENVIRONMENTS } from '../environments';
import { fakeArtifacts, synthEnvironment } from '../test/synth';

const dev = ENVIRONMENTS.find((e) => e.name === 'dev')!;

describe('LambdaHttpApi (the dev environment)', () => {
  const artifacts = fakeArtifacts();
  const stack = synthEnvironment(dev, artifacts);
  const fn = stack.resource('aws_lambda_function');

  it('runs the zipped artifact on nodejs22.x, arm64, with the configured sizing and active tracing', () => {
    expect(fn).toMatchObject({
      function_name: 'greeter-dev',
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      memory_size: 512,
      timeout: 10,
      publish: true,
      source_code_hash: artifacts.lambdaZip.sha256Base64,
      tracing_config: { mode: 'Active' },
    });
    expect(fn['filename']).toMatch(/greeter-lambda\.zip$/);
  });

  it('has its own log group with retention, created before the function', () => {
    const groups = stack.resources('aws_cloudwatch_log_group');
    expect(groups.map((g) => g['name'])).toEqual(expect.arrayContaining(['/aws/lambda/greeter-dev', '/aws/apigateway/greeter-dev/access']));
    for (const group of groups) expect(group['retention_in_days']).toBe(14);
    expect(fn['depends_on']).toEqual([expect.stringMatching(/^aws_cloudwatch_log_group\./)]);
  });

  it('gives its role only its own log group and X-Ray', () => {
    const role = stack.resources('aws_iam_role').find((r) => r['name'] === 'greeter-dev-lambda')!;
    const policy = JSON.parse(stack.resources('aws_iam_role_policy').find((p) => p['name'] === 'own-logs-and-traces')!['policy']);
    const actions = policy.Statement.flatMap((s: any) => s.Action);

    expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(policy.Statement[0].Resource).toMatch(/^\$\{aws_cloudwatch_log_group\.[^}]+\.arn\}:\*$/);
    expect(JSON.parse(role['assume_role_policy']).Statement[0].Principal).toEqual({ Service: 'lambda.amazonaws.com' });
  });

  it('points the live alias at the first version only: after that, CodeDeploy moves it', () => {
    const alias = stack.resource('aws_lambda_alias');

    expect(alias).toMatchObject({ name: 'live', function_version: expect.stringMatching(/^\$\{aws_lambda_function\.[^.]+\.version\}$/) });
    expect(alias['lifecycle']).toEqual({ ignore_changes: ['function_version', 'routing_config'] });
  });

  it('serves a $default stage with auto-deploy, JSON access logs and throttling from config', () => {
    const stage = stack.resource('aws_apigatewayv2_stage');

    expect(stack.resource('aws_apigatewayv2_api')['protocol_type']).toBe('HTTP');
    expect(stage).toMatchObject({ name: '$default', auto_deploy: true, default_route_settings: { throttling_rate_limit: 50, throttling_burst_limit: 100 } });
    expect(Object.keys(JSON.parse(stage['access_log_settings'].format))).toEqual(expect.arrayContaining(['requestId', 'status', 'path']));
  });

  it('sends API traffic to the live alias, which only that API may invoke', () => {
    const integration = stack.resource('aws_apigatewayv2_integration');
    const permission = stack.resource('aws_lambda_permission');

    expect(integration['integration_uri']).toMatch(/^\$\{aws_lambda_alias\.[^}]+\.invoke_arn\}$/);
    expect(integration['payload_format_version']).toBe('2.0');
    expect(permission).toMatchObject({ principal: 'apigateway.amazonaws.com', action: 'lambda:InvokeFunction' });
    expect(permission['source_arn']).toMatch(/^\$\{aws_apigatewayv2_api\.[^}]+\.execution_arn\}\/\*\/\*$/);
    expect(permission['qualifier']).toMatch(/^\$\{aws_lambda_alias\.[^}]+\.name\}$/);
  });

  it('adds provisioned concurrency on the alias only when configured', () => {
    expect(stack.resources('aws_lambda_provisioned_concurrency_config')).toHaveLength(0);
    const withProvisioned = synthEnvironment({ ...dev, lambda: { reservedConcurrency: 10, provisionedConcurrency: 3 } });

    expect(withProvisioned.resource('aws_lambda_provisioned_concurrency_config')['provisioned_concurrent_executions']).toBe(3);
    expect(withProvisioned.resource('aws_lambda_function')['reserved_concurrent_executions']).toBe(10);
  });

  it('outputs the invoke URL, and keeps the execute-api endpoint on when there is no custom domain', () => {
    expect(stack.json.output.url.value).toMatch(/^\$\{aws_apigatewayv2_stage\.[^}]+\.invoke_url\}$/);
    expect(stack.resource('aws_apigatewayv2_api')['disable_execute_api_endpoint']).toBe(false);
  });
});

describe('LambdaHttpApi with a custom domain', () => {
  const zoned = synthEnvironment({ ...dev, domain: { domainName: 'api.dev.greeter.test', hostedZoneName: 'dev.greeter.test' } });
  const arn = 'arn:aws:acm:us-east-1:111122223333:certificate/0f6a2c1e-8d1b-4c9e-9a51-3b2f7c4d5e6f';
  const given = synthEnvironment({ ...dev, domain: { domainName: 'api.dev.greeter.test', certificateArn: arn } });

  it.each([
    ['a zone', zoned],
    ['a certificate ARN', given],
  ])('with %s: serves only the domain (the execute-api URL would bypass it), mapped to the $default stage, TLS 1.2', (_how, stack) => {
    expect(stack.resource('aws_apigatewayv2_api')['disable_execute_api_endpoint']).toBe(true);
    expect(stack.resource('aws_apigatewayv2_domain_name')).toMatchObject({
      domain_name: 'api.dev.greeter.test',
      domain_name_configuration: { endpoint_type: 'REGIONAL', security_policy: 'TLS_1_2' },
    });
    expect(stack.resource('aws_apigatewayv2_api_mapping')['stage']).toMatch(/aws_apigatewayv2_stage\./);
    expect(stack.json.output.url.value).toBe('https://api.dev.greeter.test/');
  });

  it('with a zone: the certificate is created, DNS-validated, and the domain points at the API’s regional endpoint', () => {
    expect(zoned.resource('aws_apigatewayv2_domain_name')['domain_name_configuration'].certificate_arn).toMatch(/^\$\{aws_acm_certificate_validation\./);
    const alias = zoned.resources('aws_route53_record').find((r) => r['type'] === 'A')!;
    expect(alias['alias']).toMatchObject({
      name: expect.stringMatching(/aws_apigatewayv2_domain_name\..*domain_name_configuration.*target_domain_name/),
      zone_id: expect.stringMatching(/hosted_zone_id/),
    });
  });

  it('with a certificate ARN: uses it as it is', () => {
    expect(given.resource('aws_apigatewayv2_domain_name')['domain_name_configuration'].certificate_arn).toBe(arn);
    expect(given.resources('aws_acm_certificate')).toHaveLength(0);
  });
});
