import { LAMBDA_VARIABLES, readHookSettings, REFRESH_VARIABLES, SettingsError } from './settings';

/** What the stack's Terraform sets for a Lambda deployment, as the Lambda hook's tests expect it read. */
const LAMBDA_DEFAULTS = { alias: 'live', noWait: false, ignoreAlarms: false, pollSeconds: 15 };

describe('the hook’s settings', () => {
  const lambda = {
    GREETER_DEPLOY_KIND: 'lambda',
    [LAMBDA_VARIABLES.region]: 'eu-west-1',
    [LAMBDA_VARIABLES.application]: 'greeter-staging',
    [LAMBDA_VARIABLES.deploymentGroup]: 'greeter-staging',
    [LAMBDA_VARIABLES.functionName]: 'greeter-staging',
    [LAMBDA_VARIABLES.alias]: 'live',
    [LAMBDA_VARIABLES.targetVersion]: '12',
    [LAMBDA_VARIABLES.strategyMinutes]: '10',
  };
  const refresh = {
    GREETER_DEPLOY_KIND: 'instance-refresh',
    [REFRESH_VARIABLES.region]: 'eu-west-1',
    [REFRESH_VARIABLES.group]: 'greeter-staging-x',
    [REFRESH_VARIABLES.launchTemplateId]: 'lt-0123',
    [REFRESH_VARIABLES.targetVersion]: '7',
    [REFRESH_VARIABLES.warmupSeconds]: '120',
    [REFRESH_VARIABLES.checkpointDelaySeconds]: '300',
    [REFRESH_VARIABLES.rollbackAlarms]: 'greeter-staging-alb-5xx,greeter-staging-target-5xx',
  };

  it('reads what the stack sets for either rollout, and who runs the deploy may ask not to wait', () => {
    expect(readHookSettings(lambda)).toEqual({
      kind: 'lambda',
      settings: {
        ...LAMBDA_DEFAULTS,
        region: 'eu-west-1',
        application: 'greeter-staging',
        deploymentGroup: 'greeter-staging',
        functionName: 'greeter-staging',
        targetVersion: '12',
        strategyMinutes: 10,
      },
    });
    expect(readHookSettings({ ...lambda, GREETER_DEPLOY_NO_WAIT: '1', GREETER_DEPLOY_POLL_SECONDS: '2' }).settings).toMatchObject({
      noWait: true,
      pollSeconds: 2,
    });
    expect(readHookSettings({ ...lambda, GREETER_DEPLOY_NO_WAIT: 'false' }).settings.noWait).toBe(false);
    expect(readHookSettings(refresh)).toEqual({
      kind: 'instance-refresh',
      settings: {
        region: 'eu-west-1',
        group: 'greeter-staging-x',
        launchTemplateId: 'lt-0123',
        targetVersion: '7',
        warmupSeconds: 120,
        checkpointDelaySeconds: 300,
        rollbackAlarms: ['greeter-staging-alb-5xx', 'greeter-staging-target-5xx'],
        noWait: false,
        pollSeconds: 15,
      },
    });
  });

  it('drops the alarms from a refresh, or marks a Lambda deployment, when GREETER_DEPLOY_IGNORE_ALARMS is set', () => {
    expect(readHookSettings({ ...refresh, GREETER_DEPLOY_IGNORE_ALARMS: '1' }).settings).toMatchObject({ rollbackAlarms: [] });
    expect(readHookSettings({ ...lambda, GREETER_DEPLOY_IGNORE_ALARMS: 'true' }).settings).toMatchObject({ ignoreAlarms: true });
  });

  it('names every missing or wrong setting instead of calling AWS with it', () => {
    expect(() => readHookSettings({})).toThrow(SettingsError);
    expect(() => readHookSettings({})).toThrow(/GREETER_DEPLOY_KIND must be lambda or instance-refresh \(got nothing\)/);
    expect(() => readHookSettings({ ...lambda, GREETER_DEPLOY_ALIAS: '' })).toThrow(/missing GREETER_DEPLOY_ALIAS/);
    expect(() => readHookSettings({ ...lambda, GREETER_DEPLOY_TARGET_VERSION: '$LATEST' })).toThrow(/GREETER_DEPLOY_TARGET_VERSION must be a whole number/);
    expect(() => readHookSettings({ ...lambda, GREETER_DEPLOY_POLL_SECONDS: '0' })).toThrow(/GREETER_DEPLOY_POLL_SECONDS must be a whole number from 1 to 300/);
    expect(() => readHookSettings({ ...refresh, GREETER_DEPLOY_LAUNCH_TEMPLATE_ID: undefined })).toThrow(/missing GREETER_DEPLOY_LAUNCH_TEMPLATE_ID/);
  });
});
