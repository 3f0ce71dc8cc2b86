import { ENVIRONMENTS } from '../environments';
import { withOwnValues } from '../test/own-values';
import { KIND_VARIABLE, LAMBDA_VARIABLES } from '../deploy-hooks/settings';
import { synthEnvironment } from '../test/synth';

const dev = ENVIRONMENTS.find((e) => e.name === 'dev')!;
const prodOnLambda = { ...withOwnValues(ENVIRONMENTS).find((e) => e.name === 'prod')!, compute: 'lambda' as const };

describe('LambdaProgressiveDelivery', () => {
  const devStack = synthEnvironment(dev);
  const prodStack = synthEnvironment(prodOnLambda);

  it('moves the live alias through a CodeDeploy deployment group with the environment’s strategy: all at once for dev, a 10% canary for 5 minutes by default', () => {
    expect(devStack.resource('aws_codedeploy_app')).toMatchObject({ name: 'greeter-dev', compute_platform: 'Lambda' });
    expect(devStack.resource('aws_codedeploy_deployment_group')['deployment_config_name']).toBe('CodeDeployDefault.LambdaAllAtOnce');
    expect(prodStack.resource('aws_codedeploy_deployment_group')['deployment_config_name']).toBe('CodeDeployDefault.LambdaCanary10Percent5Minutes');
  });

  it('rolls back when a deployment fails or any of the environment’s alarms fires', () => {
    const group = prodStack.resource('aws_codedeploy_deployment_group');
    const alarms = prodStack.resources('aws_cloudwatch_metric_alarm');

    expect(group['auto_rollback_configuration']).toEqual({ enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] });
    expect(group['deployment_style']).toEqual({ deployment_option: 'WITH_TRAFFIC_CONTROL', deployment_type: 'BLUE_GREEN' });
    // prod reserves concurrency, so it has the sixth alarm too; each is referenced, so it exists before the group.
    expect(alarms).toHaveLength(6);
    expect(group['alarm_configuration'].enabled).toBe(true);
    expect([...group['alarm_configuration'].alarms].sort()).toEqual(
      Object.keys(prodStack.json.resource['aws_cloudwatch_metric_alarm'])
        .map((id) => `\${aws_cloudwatch_metric_alarm.${id}.alarm_name}`)
        .sort(),
    );
  });

  it('lets CodeDeploy move only this function’s alias and read alarm states', () => {
    const role = devStack.resources('aws_iam_role').find((r) => r['name'] === 'greeter-dev-codedeploy')!;
    const policy = JSON.parse(devStack.resources('aws_iam_role_policy').find((p) => p['name'] === 'shift-this-alias')!['policy']);

    expect(JSON.parse(role['assume_role_policy']).Statement[0].Principal).toEqual({ Service: 'codedeploy.amazonaws.com' });
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Action: ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig'],
        Resource: [expect.stringMatching(/aws_lambda_function\..*\.arn\}$/), expect.stringMatching(/aws_lambda_function\..*\.arn\}:\*$/)],
      }),
      expect.objectContaining({ Action: 'cloudwatch:DescribeAlarms', Resource: '*' }),
    ]);
  });

  it('runs the bundled deployment hook with node whenever a deploy publishes a version, once the group, the alias and its provisioned concurrency exist', () => {
    const deployment = devStack.resource('terraform_data');
    const [provisioner] = deployment['provisioner'];

    expect(deployment['triggers_replace']).toEqual({ publishedVersion: expect.stringMatching(/^\$\{aws_lambda_function\..*\.version\}$/) });
    expect(deployment['depends_on']).toEqual([expect.stringMatching(/^aws_codedeploy_deployment_group\./), expect.stringMatching(/^aws_lambda_alias\./)]);
    expect(prodStack.resource('terraform_data')['depends_on']).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_lambda_provisioned_concurrency_config\./)]),
    );
    expect(provisioner['local-exec']).toMatchObject({ interpreter: ['node'], command: expect.stringMatching(/^assets\/.*\/deployment-hook\.mjs$/) });
    expect(Object.keys(provisioner['local-exec'].environment).sort()).toEqual([KIND_VARIABLE, ...Object.values(LAMBDA_VARIABLES)].sort());
    expect(provisioner['local-exec'].environment[KIND_VARIABLE]).toBe('lambda');
    expect(provisioner['local-exec'].environment).toMatchObject({
      GREETER_DEPLOY_ALIAS: 'live',
      GREETER_DEPLOY_REGION: 'us-east-1',
      GREETER_DEPLOY_STRATEGY_MINUTES: '0',
    });
    expect(prodStack.resource('terraform_data')['provisioner'][0]['local-exec'].environment.GREETER_DEPLOY_STRATEGY_MINUTES).toBe('5');
  });
});
