import { EnvironmentConfigError, validateEnvironments } from './validate-environments';
import { deploymentStrategyMinutes, type EnvironmentDeclaration } from './environment';

const lambdaEnv = (overrides: Partial<EnvironmentDeclaration> = {}): EnvironmentDeclaration => ({
  name: 'dev',
  region: 'us-east-1',
  compute: 'lambda',
  ...overrides,
});
const ec2Env = (overrides: Partial<EnvironmentDeclaration> = {}): EnvironmentDeclaration => ({
  name: 'prod',
  region: 'eu-west-1',
  compute: 'ec2',
  ...overrides,
});

function problemsOf(declarations: unknown): string[] {
  try {
    validateEnvironments(declarations);
  } catch (error) {
    if (error instanceof EnvironmentConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('validateEnvironments', () => {
  it('fills in the defaults of a minimal environment', () => {
    const [env] = validateEnvironments([lambdaEnv()]);

    expect(env).toMatchObject({
      name: 'dev',
      lambda: { memoryMb: 512, architecture: 'arm64', provisionedConcurrency: 0, deploymentStrategy: 'Canary10Percent5Minutes' },
      ec2: { instanceType: 't4g.small', availabilityZones: ['us-east-1a', 'us-east-1b'], createNatGateway: false, refreshCheckpointDelaySeconds: 300 },
      logRetentionDays: 30,
    });
    expect(env!.state).toBeUndefined();
    expect(env!.ec2.amiId).toBeUndefined();
  });

  it.each([
    ['AllAtOnce', 0],
    ['Canary10Percent5Minutes', 5],
    ['Canary10Percent30Minutes', 30],
    ['Linear10PercentEvery1Minute', 10],
    ['Linear10PercentEvery10Minutes', 100],
  ] as const)('knows how long %s takes to move all traffic: %i minutes', (strategy, minutes) => {
    expect(deploymentStrategyMinutes(strategy)).toBe(minutes);
  });

  it('works out the monthly volume from the average rate', () => {
    const [env] = validateEnvironments([lambdaEnv({ traffic: { averageRps: 10, peakRps: 30, averageDurationMs: 20, averageResponseBytes: 100 } })]);

    expect(env!.traffic).toEqual({ requestsPerMonth: 26_280_000, averageRps: 10, peakRps: 30, averageDurationMs: 20, averageResponseBytes: 100 });
  });

  it('defaults the alarm thresholds, with no email subscriptions', () => {
    const [env] = validateEnvironments([lambdaEnv({ alarms: { p99LatencyMs: 300 } })]);

    expect(env!.alarms).toEqual({
      notifyEmails: [],
      errorsPerFiveMinutes: 5,
      p99LatencyMs: 300,
      durationPercentOfTimeout: 80,
      concurrencyPercentOfReserved: 80,
    });
  });

  it('keeps the account id an environment names, and names none by default', () => {
    const [own, any] = validateEnvironments([lambdaEnv({ accountId: '210987654321' }), ec2Env()]);

    expect([own!.accountId, any!.accountId]).toEqual(['210987654321', undefined]);
  });

  it('defaults the state key and region from the environment', () => {
    const [env] = validateEnvironments([ec2Env({ state: { bucket: 'my-state' } })]);

    expect(env!.state).toEqual({ bucket: 'my-state', key: 'greeter/prod.tfstate', region: 'eu-west-1' });
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown compute', [lambdaEnv({ compute: 'fargate' as never })], /^environment "dev": compute must be one of lambda, ec2 \(got "fargate"\)$/],
    [
      'min above max',
      [ec2Env({ ec2: { minInstances: 5, maxInstances: 2 } })],
      /^environment "prod": ec2\.minInstances \(5\) must not exceed ec2\.maxInstances \(2\)$/,
    ],
    [
      'desired outside min..max',
      [ec2Env({ ec2: { minInstances: 2, desiredInstances: 9, maxInstances: 4 } })],
      /ec2\.desiredInstances \(9\) must be from ec2\.minInstances \(2\) to ec2\.maxInstances \(4\)/,
    ],
    [
      'memory below Lambda’s range',
      [lambdaEnv({ lambda: { memoryMb: 64 } })],
      /^environment "dev": lambda\.memoryMb must be a whole number from 128 to 10240 \(got 64\)$/,
    ],
    ['memory above Lambda’s range', [lambdaEnv({ lambda: { memoryMb: 20_000 } })], /lambda\.memoryMb must be a whole number from 128 to 10240 \(got 20000\)/],
    ['a timeout over 15 minutes', [lambdaEnv({ lambda: { timeoutSeconds: 901 } })], /lambda\.timeoutSeconds must be a whole number from 1 to 900/],
    [
      'a malformed certificate ARN',
      [ec2Env({ domain: { domainName: 'api.example.com', certificateArn: 'arn:aws:acm:nope' } })],
      /^environment "prod": domain\.certificateArn must be an ACM certificate ARN/,
    ],
    [
      'a certificate in another region',
      [
        ec2Env({
          domain: { domainName: 'api.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f6a2c1e-8d1b-4c9e-9a51-3b2f7c4d5e6f' },
        }),
      ],
      /domain\.certificateArn is in us-east-1, but the certificate must be in the environment's region \(eu-west-1\)/,
    ],
    [
      'a malformed region',
      [lambdaEnv({ region: 'Virginia' })],
      /^environment "dev": region must be an AWS region such as us-east-1 or eu-west-1 \(got "Virginia"\)$/,
    ],
    ['a duplicate name', [lambdaEnv(), lambdaEnv()], /^environment "dev": name is declared twice/],
    [
      'an account id that is not 12 digits',
      [lambdaEnv({ accountId: '1234' })],
      /^environment "dev": accountId must be the 12-digit AWS account id .* \(got "1234"\)$/,
    ],
    [
      'an account id given as a number',
      [lambdaEnv({ accountId: 210987654321 as never })],
      /accountId must be the 12-digit AWS account id .* \(got 210987654321\)$/,
    ],
    [
      'a name with capitals',
      [lambdaEnv({ name: 'Dev' })],
      /name must be 1 to 18 lower-case letters, digits or dashes, starting with a letter and not ending with a dash/,
    ],
    ['a name too long for the bucket names built from it', [lambdaEnv({ name: 'a'.repeat(19) })], /name must be 1 to 18 lower-case letters/],
    ["github-…, whose permissions would cover the CI roles' names", [lambdaEnv({ name: 'github-ci' })], /not github or github-… .* \(got "github-ci"\)/],
    [
      'switch steps that fall or stop short of 100',
      [lambdaEnv({ computeSwitch: { steps: [50, 10] } })],
      /computeSwitch\.steps must be a list of 1 to 10 rising whole percentages .* \(got \[50,10\]\)/,
    ],
    [
      'a name ending with a dash (load balancer names may not)',
      [lambdaEnv({ name: 'dev-' })],
      /name must be 1 to 18 .* not ending with a dash.* \(got "dev-"\)/,
    ],
    [
      'a domain with neither certificate source',
      [ec2Env({ domain: { domainName: 'api.greeter.test' } })],
      /domain needs exactly one of hostedZoneName .* or certificateArn .* \(got neither\)/,
    ],
    [
      'a domain with both certificate sources',
      [
        ec2Env({
          domain: {
            domainName: 'api.greeter.test',
            hostedZoneName: 'greeter.test',
            certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/0f6a2c1e-8d1b-4c9e-9a51-3b2f7c4d5e6f',
          },
        }),
      ],
      /domain needs exactly one of .* \(got both\)/,
    ],
    [
      'more tags than AWS allows beside the platform’s',
      [lambdaEnv({ tags: Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`t${i}`, 'v'])) })],
      /^environment "dev": tags has 46 entries, but AWS allows 50 tags per resource and the platform adds 5 of its own .*: give at most 45$/,
    ],
    [
      'an alarm email that is not one',
      [lambdaEnv({ alarms: { notifyEmails: ['oncall'] } })],
      /^environment "dev": alarms\.notifyEmails must be a list of email addresses/,
    ],
    [
      'an alarm email given twice',
      [lambdaEnv({ alarms: { notifyEmails: ['a@greeter.test', 'A@greeter.test'] } })],
      /alarms\.notifyEmails names an address twice/,
    ],
    [
      'an alarm threshold of 0 errors',
      [lambdaEnv({ alarms: { errorsPerFiveMinutes: 0 } })],
      /^environment "dev": alarms\.errorsPerFiveMinutes must be a whole number from 1 to 1000000 \(got 0\)$/,
    ],
    [
      'a duration alarm above the timeout',
      [lambdaEnv({ alarms: { durationPercentOfTimeout: 120 } })],
      /alarms\.durationPercentOfTimeout must be a whole number from 10 to 100 \(got 120\)/,
    ],
    ['an unknown alarm setting', [lambdaEnv({ alarms: { p50LatencyMs: 5 } as never })], /alarms\.p50LatencyMs is not a known setting/],
    [
      'a WAF rate limit below AWS’s minimum',
      [ec2Env({ ec2: { waf: { rateLimitPerFiveMinutes: 5 } } as never })],
      /^environment "prod": ec2\.waf\.rateLimitPerFiveMinutes must be a whole number from 10 to 2000000000 \(got 5\)$/,
    ],
    [
      'an unknown WAF setting',
      [ec2Env({ ec2: { waf: { block: true } } as never })],
      /ec2\.waf\.block is not a known setting; known settings are enabled, rateLimitPerFiveMinutes, countOnly/,
    ],
    [
      'a drain shorter than the load balancer takes to see /health fail',
      [ec2Env({ ec2: { shutdownDrainSeconds: 34, healthCheckIntervalSeconds: 15, healthCheckUnhealthyThreshold: 2 } })],
      /^environment "prod": ec2\.shutdownDrainSeconds \(34\) must be at least ec2\.healthCheckIntervalSeconds × ec2\.healthCheckUnhealthyThreshold \+ the 5 s check timeout \(35\): the load balancer must see \/health fail before the app stops listening$/,
    ],
    [
      'a domain outside its zone',
      [ec2Env({ domain: { domainName: 'api.other.test', hostedZoneName: 'greeter.test' } })],
      /domain\.domainName api\.other\.test is not in domain\.hostedZoneName greeter\.test/,
    ],
    [
      'one state bucket in two regions',
      [lambdaEnv({ state: { bucket: 'team-state' } }), ec2Env({ state: { bucket: 'team-state' } })],
      /^environment "prod": state\.bucket team-state is also environment "dev"'s state bucket in us-east-1, but a bucket lives in one region/,
    ],
    [
      'two environments on one state object',
      [
        lambdaEnv({ state: { bucket: 'team-state', key: 'shared.tfstate' } }),
        ec2Env({ region: 'us-east-1', state: { bucket: 'team-state', key: 'shared.tfstate' } }),
      ],
      /^environment "prod": state team-state\/shared\.tfstate is also environment "dev"'s; give each environment its own state\.key$/,
    ],
    [
      'an x86 instance type on arm64',
      [ec2Env({ ec2: { instanceType: 't3.small' } })],
      /ec2\.instanceType t3\.small is an x86_64 type, but ec2\.architecture is arm64/,
    ],
    ['a made-up instance type', [ec2Env({ ec2: { instanceType: 'huge' } })], /ec2\.instanceType must be an EC2 instance type such as t4g\.small/],
    [
      'zones of another region',
      [ec2Env({ ec2: { availabilityZones: ['us-east-1a', 'us-east-1b'] } })],
      /ec2\.availabilityZones must be two different zones of eu-west-1/,
    ],
    [
      'a deregistration delay longer than the shutdown timeout',
      [ec2Env({ ec2: { deregistrationDelaySeconds: 30, shutdownTimeoutSeconds: 10 } })],
      /deregistrationDelaySeconds \(30\) must not exceed ec2\.shutdownTimeoutSeconds \(10\)/,
    ],
    ['a privileged app port', [ec2Env({ ec2: { appPort: 80 } })], /ec2\.appPort must be a whole number from 1024 to 65535/],
    ['a retention CloudWatch does not offer', [lambdaEnv({ logRetentionDays: 10 as never })], /logRetentionDays must be one of 1, 3, 5, 7, 14, 30/],
    [
      'provisioned above reserved concurrency',
      [lambdaEnv({ lambda: { reservedConcurrency: 2, provisionedConcurrency: 5 } })],
      /provisionedConcurrency \(5\) must not exceed lambda\.reservedConcurrency \(2\)/,
    ],
    ['a misspelt setting', [lambdaEnv({ lambda: { memory: 512 } as never })], /lambda\.memory is not a known setting; known settings are memoryMb, /],
    ['a bad state bucket', [lambdaEnv({ state: { bucket: 'My_Bucket' } })], /state\.bucket must be an S3 bucket name/],
    [
      'a CPU target over 100%',
      [ec2Env({ ec2: { scaling: { metric: 'cpuUtilization', target: 150 } } })],
      /ec2\.scaling\.target must be a number above 0 and at most 100/,
    ],
    ['no environments', [], /declare at least one environment/],
    [
      'a request-count target far from the declared capacity',
      [ec2Env({ ec2: { scaling: { metric: 'requestCountPerTarget', target: 1500 }, capacityRequestsPerSecond: 500 } })],
      /ec2\.scaling\.target \(1500 requests per target per minute: 25 req\/s per instance\) and ec2\.capacityRequestsPerSecond \(500\) disagree by 20×, more than 2×: set the target to about capacity × 60 \(30000\)/,
    ],
    [
      'a name that extends another’s',
      [lambdaEnv({ name: 'prod' }), lambdaEnv({ name: 'prod-eu' })],
      /^environment "prod-eu": name starts with environment "prod"'s name/,
    ],
    [
      'a name that extends another’s without a dash',
      [lambdaEnv({ name: 'prod' }), lambdaEnv({ name: 'prod2' })],
      /^environment "prod2": name starts with environment "prod"'s name/,
    ],
    [
      'a deployment strategy CodeDeploy does not have',
      [lambdaEnv({ lambda: { deploymentStrategy: 'Canary50Percent1Minute' as never } })],
      /lambda\.deploymentStrategy must be one of AllAtOnce, Canary10Percent5Minutes, .*Linear10PercentEvery10Minutes \(got "Canary50Percent1Minute"\)/,
    ],
    [
      'an AMI that is not an id',
      [ec2Env({ ec2: { amiId: 'al2023' } })],
      /ec2\.amiId must be an AMI id such as ami-0123456789abcdef0, or left out to use the newest Amazon Linux 2023 \(got "al2023"\)/,
    ],
    [
      'a refresh checkpoint longer than an hour',
      [ec2Env({ ec2: { refreshCheckpointDelaySeconds: 7200 } })],
      /ec2\.refreshCheckpointDelaySeconds must be a whole number from 0 to 3600 \(got 7200\)/,
    ],
    ['a section that is not an object', [lambdaEnv({ lambda: 5 as never })], /^environment "dev": lambda must be an object \(got 5\)$/],
    [
      'negative traffic',
      [lambdaEnv({ traffic: { averageRps: -1, peakRps: 2, averageDurationMs: 10, averageResponseBytes: 100 } })],
      /^environment "dev": traffic\.averageRps must be a number of requests per second, 0 or more \(got -1\)$/,
    ],
    [
      'NaN traffic',
      [lambdaEnv({ traffic: { averageRps: 1, peakRps: Number.NaN, averageDurationMs: 10, averageResponseBytes: 100 } })],
      /traffic\.peakRps must be a number of requests per second, 0 or more \(got NaN\)/,
    ],
    [
      'missing traffic figures',
      [lambdaEnv({ traffic: { averageRps: 1, peakRps: 2 } as never })],
      /traffic\.averageDurationMs is missing: give a number of milliseconds, 0 or more/,
    ],
    [
      'no traffic volume',
      [lambdaEnv({ traffic: { peakRps: 2, averageDurationMs: 10, averageResponseBytes: 100 } })],
      /traffic needs exactly one of averageRps or requestsPerMonth \(got neither\)/,
    ],
  ])('refuses %s with one plain message naming the environment, the field and what is allowed', (_mistake, declarations, message) => {
    const problems = problemsOf(declarations);

    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('reports every problem at once, not just the first', () => {
    const problems = problemsOf([lambdaEnv({ lambda: { memoryMb: 1, timeoutSeconds: 0 } }), ec2Env({ ec2: { minInstances: 3, maxInstances: 1 } })]);

    expect(problems).toHaveLength(3);
  });

  it('says how many problems there are in its message', () => {
    expect(() => validateEnvironments([lambdaEnv({ compute: 'k8s' as never })])).toThrow(
      /^The environment config has 1 problem:\n {2}- environment "dev": compute/,
    );
  });
});
