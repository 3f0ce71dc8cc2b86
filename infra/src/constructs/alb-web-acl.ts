import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Construct } from 'constructs';

export interface AlbWebAclProps {
  name: string;
  loadBalancerArn: string;
  /** Requests one client IP may send in any 5 minutes before it is blocked. */
  rateLimitPerFiveMinutes: number;
  /** Count what the rules match instead of blocking it: for trying the rules out on live traffic. */
  countOnly: boolean;
  /** Days WAF's log of the requests it blocked (or counted) is kept. */
  logRetentionDays: number;
}

/** AWS's managed rule groups for any HTTP API: the common rule set, and known bad inputs (Log4j-style payloads and the like). */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

/** A WAFv2 web ACL in front of a load balancer: AWS's managed rule groups and a per-IP rate limit; everything else is allowed. What it blocks is logged. */
export class AlbWebAcl extends Construct {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: AlbWebAclProps) {
    super(scope, id);
    // Rule statements are typed `any` by the provider bindings: written in Terraform's own (snake_case) shape.
    const managed = MANAGED_RULE_GROUPS.map((group, i) => ({
      name: group,
      priority: 10 * (i + 1),
      overrideAction: props.countOnly ? { count: {} } : { none: {} },
      statement: { managed_rule_group_statement: [{ name: group, vendor_name: 'AWS' }] },
      visibilityConfig: visibility(`${props.name}-${group}`),
    }));
    const rateLimit = {
      name: 'rate-limit-per-ip',
      priority: 10 * (MANAGED_RULE_GROUPS.length + 1),
      action: props.countOnly ? { count: {} } : { block: {} },
      statement: { rate_based_statement: [{ limit: props.rateLimitPerFiveMinutes, aggregate_key_type: 'IP' }] },
      visibilityConfig: visibility(`${props.name}-rate-limit`),
    };
    const acl = new Wafv2WebAcl(this, 'web-acl', {
      name: `${props.name}-alb`,
      description: `In front of ${props.name}'s load balancer: AWS managed rules and a per-IP rate limit`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: [...managed, rateLimit],
      visibilityConfig: visibility(`${props.name}-alb`),
    });
    new Wafv2WebAclAssociation(this, 'association', { resourceArn: props.loadBalancerArn, webAclArn: acl.arn });

    // Who was blocked, by which rule, and why: only the requests a rule blocked or counted
    // (allowed traffic is in the ALB's access logs), so the log costs in proportion to attacks.
    // WAF writes only to log groups whose name starts with aws-waf-logs-.
    const log = new CloudwatchLogGroup(this, 'log', { name: `aws-waf-logs-${props.name}`, retentionInDays: props.logRetentionDays });
    new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      resourceArn: acl.arn,
      logDestinationConfigs: [log.arn],
      loggingFilter: {
        defaultBehavior: 'DROP',
        filter: [
          {
            behavior: 'KEEP',
            requirement: 'MEETS_ANY',
            condition: [{ actionCondition: { action: 'BLOCK' } }, { actionCondition: { action: 'COUNT' } }],
          },
        ],
      },
    });
    this.webAclArn = acl.arn;
  }
}
