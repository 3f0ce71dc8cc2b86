import { ENVIRONMENTS } from '../environments';
import { withOwnValues } from '../test/own-values';
import { synthEnvironment } from '../test/synth';

const staging = withOwnValues(ENVIRONMENTS).find((e) => e.name === 'staging')!;

describe('the WAF in front of the load balancer', () => {
  const stack = synthEnvironment(staging);

  it('is on by default: AWS’s common and known-bad-inputs rule groups, then a per-IP rate limit that blocks, on the ALB', () => {
    const acl = stack.resource('aws_wafv2_web_acl');

    expect(acl).toMatchObject({ scope: 'REGIONAL', default_action: { allow: {} } });
    expect(acl['rule'].map((r: any) => `${r.priority} ${r.name}`)).toEqual([
      '10 AWSManagedRulesCommonRuleSet',
      '20 AWSManagedRulesKnownBadInputsRuleSet',
      '30 rate-limit-per-ip',
    ]);
    expect(acl['rule'][0]).toMatchObject({
      override_action: { none: {} },
      statement: { managed_rule_group_statement: [{ name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' }] },
    });
    expect(acl['rule'][2]).toMatchObject({ action: { block: {} }, statement: { rate_based_statement: [{ limit: 20_000, aggregate_key_type: 'IP' }] } });
    expect(stack.resource('aws_wafv2_web_acl_association')['resource_arn']).toMatch(/^\$\{aws_lb\.service_alb_[0-9A-F]+\.arn\}$/);
  });

  it('counts instead of blocking in count-only mode, with the configured limit', () => {
    const acl = synthEnvironment({ ...staging, ec2: { ...staging.ec2, waf: { countOnly: true, rateLimitPerFiveMinutes: 500 } } }).resource('aws_wafv2_web_acl');

    expect(acl['rule'].map((r: any) => r.override_action ?? r.action)).toEqual([{ count: {} }, { count: {} }, { count: {} }]);
    expect(acl['rule'][2].statement.rate_based_statement[0].limit).toBe(500);
  });

  it('logs what it blocked or counted, and nothing else, to an aws-waf-logs- group with the environment’s retention', () => {
    const logging = stack.resource('aws_wafv2_web_acl_logging_configuration');
    const group = stack.resources('aws_cloudwatch_log_group').find((g) => g['name'] === 'aws-waf-logs-greeter-staging')!;

    expect(group['retention_in_days']).toBe(30);
    expect(logging['resource_arn']).toMatch(/^\$\{aws_wafv2_web_acl\..*\.arn\}$/);
    expect(logging['log_destination_configs']).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.service_waf_log_.*\.arn\}$/)]);
    expect(logging['logging_filter']).toEqual({
      default_behavior: 'DROP',
      filter: [
        { behavior: 'KEEP', requirement: 'MEETS_ANY', condition: [{ action_condition: { action: 'BLOCK' } }, { action_condition: { action: 'COUNT' } }] },
      ],
    });
  });

  it('can be turned off', () => {
    const stack = synthEnvironment({ ...staging, ec2: { ...staging.ec2, waf: { enabled: false } } });

    expect(stack.resources('aws_wafv2_web_acl')).toHaveLength(0);
    expect(stack.resources('aws_wafv2_web_acl_association')).toHaveLength(0);
    expect(stack.resources('aws_wafv2_web_acl_logging_configuration')).toHaveLength(0);
  });
});
