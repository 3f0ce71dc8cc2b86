import { synthConstructs } from '../../test/synth';
import { AlbWebAcl, MANAGED_RULE_GROUPS } from './alb-web-acl';

const synth = (countOnly = false) =>
  synthConstructs(
    (scope) => new AlbWebAcl(scope, 'waf', { name: 'svc', loadBalancerArn: 'arn:lb', rateLimitPerFiveMinutes: 500, countOnly, logRetentionDays: 7 }),
  );

describe('the web ACL', () => {
  it("allows by default, then AWS's managed rule groups and the per-IP rate limit, on the load balancer given", () => {
    const stack = synth();
    const acl = stack.resource('aws_wafv2_web_acl');

    expect(acl).toMatchObject({ scope: 'REGIONAL', default_action: { allow: {} } });
    expect(acl['rule'].map((r: any) => r.name)).toEqual([...MANAGED_RULE_GROUPS, 'rate-limit-per-ip']);
    expect(acl['rule'][2]).toMatchObject({ action: { block: {} }, statement: { rate_based_statement: [{ limit: 500, aggregate_key_type: 'IP' }] } });
    expect(stack.resource('aws_wafv2_web_acl_association')['resource_arn']).toBe('arn:lb');
  });

  it('counts instead of blocking when asked', () => {
    expect(
      synth(true)
        .resource('aws_wafv2_web_acl')
        ['rule'].map((r: any) => r.override_action ?? r.action),
    ).toEqual([{ count: {} }, { count: {} }, { count: {} }]);
  });

  it('logs what it blocked to an aws-waf-logs- group kept as long as asked', () => {
    const stack = synth();

    expect(stack.resource('aws_cloudwatch_log_group')).toMatchObject({ name: 'aws-waf-logs-svc', retention_in_days: 7 });
    expect(stack.resource('aws_wafv2_web_acl_logging_configuration')['log_destination_configs']).toEqual([expect.stringMatching(/aws_cloudwatch_log_group/)]);
  });
});
