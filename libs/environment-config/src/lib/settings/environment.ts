import { z } from 'zod';
import { alarmSettings } from './alarms';
import { computeSwitchSettings } from './compute-switch';
import { domainSettings } from './domain';
import { ec2Settings } from './ec2';
import { lambdaSettings } from './lambda';
import { LOG_RETENTION_DAYS } from './log-retention';
import { oneOf, optionalSetting, section, setting, text } from './rules';
import { trafficSettings } from './traffic';

export const COMPUTES = ['lambda', 'ec2'] as const;
export type Compute = (typeof COMPUTES)[number];

/** The compute an environment does not run on. */
export const otherCompute = (compute: Compute): Compute => (compute === 'lambda' ? 'ec2' : 'lambda');

/**
 * The longest environment name every generated AWS name still fits: the stacks
 * name buckets with the prefix `greeter-<env>-artifacts-`, and S3 leaves 37
 * characters for a prefix (63 less Terraform's 26-character unique suffix).
 * infra's tests synthesize a name this long and run `terraform validate` on it.
 */
export const MAX_ENVIRONMENT_NAME_LENGTH = 18;
/** AWS allows 50 tags on a resource; the stacks add app, environment, compute, managed-by and, on instances, Name. */
export const MAX_OWN_TAGS = 45;
/** An AWS region's name: us-east-1, eu-west-1, us-gov-west-1. */
export const AWS_REGION_NAME = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
/**
 * Lower-case letters, digits and dashes, starting with a letter and not ending with a dash (load balancer names may not);
 * never `github` or `github-…`, whose `greeter-<env>-*` permissions would cover the CI roles (`greeter-github-…`).
 */
const NAME = new RegExp(`^(?!github(-|$))[a-z]([a-z0-9-]{0,${MAX_ENVIRONMENT_NAME_LENGTH - 2}}[a-z0-9])?$`);
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const STATE_KEY = /^[^/].*$/;

const region = (example: string) => text(AWS_REGION_NAME, `an AWS region such as ${example}`);

/** Your own tags, on every resource beside the platform's. */
function tags() {
  const rule = 'a string of at most 256 characters, under a key of at most 128 that does not start with "aws:"';
  return z
    .record(z.string(), z.string({ error: () => `must be ${rule}` }).max(256, { error: () => `must be ${rule}` }))
    .superRefine((given, context) => {
      for (const key of Object.keys(given)) {
        if (key.length > 128 || key.toLowerCase().startsWith('aws:')) context.addIssue({ code: 'custom', path: [key], message: `must be ${rule}`, input: key });
      }
      const count = Object.keys(given).length;
      if (count > MAX_OWN_TAGS) {
        context.addIssue({
          code: 'custom',
          message: `has ${count} entries, but AWS allows 50 tags per resource and the platform adds 5 of its own (app, environment, compute, managed-by, Name): give at most ${MAX_OWN_TAGS}`,
          input: given,
        });
      }
    })
    .meta({ rule: `an object of at most ${MAX_OWN_TAGS} tags, each ${rule}` });
}

/** Remote state in S3 with S3-native locking (Terraform 1.10 or newer); without it, a local file. */
const stateSettings = section({
  bucket: text(BUCKET, 'an S3 bucket name: 3 to 63 lower-case letters, digits, dots or dashes').meta({
    description: 'The state bucket (infra/bootstrap/state-bucket)',
  }),
  key: optionalSetting(
    text(STATE_KEY, 'a path such as greeter/<environment>.tfstate, without a leading "/"'),
    'The state object; unset, greeter/<environment>.tfstate',
  ),
  region: optionalSetting(region('us-east-1'), "The bucket's region; unset, the environment's"),
});

/** What a user writes for one environment: everything but name, region and compute has a default. */
export const environmentSettings = section({
  name: text(
    NAME,
    `1 to ${MAX_ENVIRONMENT_NAME_LENGTH} lower-case letters, digits or dashes, starting with a letter and not ending with a dash, and not github or github-… (the CI roles' names)`,
  ).meta({
    description: 'The environment, in every AWS name it makes (greeter-<name>-…)',
  }),
  region: region('us-east-1 or eu-west-1').meta({ description: 'The AWS region it deploys to' }),
  accountId: optionalSetting(
    text(/^\d{12}$/, 'the 12-digit AWS account id the environment deploys to, as a string such as "210987654321"'),
    "The AWS account it deploys to: a deploy with another account's credentials then fails before it changes anything",
  ),
  compute: oneOf(COMPUTES).meta({ description: 'Where the API runs' }),
  computeSwitch: computeSwitchSettings,
  lambda: lambdaSettings.prefault({}).meta({ description: 'The function, when compute is lambda' }),
  ec2: ec2Settings.prefault({}).meta({ description: 'The Auto Scaling group behind a load balancer, when compute is ec2' }),
  domain: optionalSetting(domainSettings, "A custom domain; unset, the API's generated URL"),
  tags: setting(tags(), {}, 'Your own tags, on every resource'),
  logRetentionDays: setting(oneOf(LOG_RETENTION_DAYS), 30, "Days the app's logs are kept"),
  state: optionalSetting(stateSettings, 'Remote state in S3; unset, a local file (fine for a first synth, not for a team)'),
  traffic: optionalSetting(trafficSettings, 'What the cost advisor assumes'),
  alarms: alarmSettings,
});

export type EnvironmentDeclaration = z.input<typeof environmentSettings>;
export type DeclaredEnvironment = z.output<typeof environmentSettings>;
export type StateConfig = z.input<typeof stateSettings>;
