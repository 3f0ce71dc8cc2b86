import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { Construct } from 'constructs';

export interface LambdaAlbTargetProps {
  functionName: string;
  /** The alias the load balancer invokes, as API Gateway does: CodeDeploy's rollouts apply to both. */
  alias: { name: string; arn: string };
  healthCheckPath: string;
  /** Multi-value headers in the events (the app reads either shape). */
  multiValueHeaders?: boolean;
}

/**
 * A target group whose one target is the function's live alias, which only this target group's load
 * balancer may invoke; health-checked (AWS leaves Lambda health checks off by default), so a switch
 * sees the function answer before it sends a request there.
 */
export class LambdaAlbTarget extends Construct {
  readonly targetGroupArn: string;
  /** What CloudWatch's target-group metrics are dimensioned by. */
  readonly targetGroupArnSuffix: string;

  constructor(scope: Construct, id: string, props: LambdaAlbTargetProps) {
    super(scope, id);
    const group = new LbTargetGroup(this, 'targets', {
      namePrefix: 'grl-',
      targetType: 'lambda',
      lambdaMultiValueHeadersEnabled: props.multiValueHeaders ?? false,
      healthCheck: { enabled: true, path: props.healthCheckPath, matcher: '200', interval: 35, timeout: 30, healthyThreshold: 2, unhealthyThreshold: 2 },
      lifecycle: { createBeforeDestroy: true },
    });
    const permission = new LambdaPermission(this, 'invoke-from-alb', {
      statementId: 'AllowInvokeFromThisTargetGroupOnly',
      action: 'lambda:InvokeFunction',
      functionName: props.functionName,
      qualifier: props.alias.name,
      principal: 'elasticloadbalancing.amazonaws.com',
      sourceArn: group.arn,
    });
    new LbTargetGroupAttachment(this, 'alias', { targetGroupArn: group.arn, targetId: props.alias.arn, dependsOn: [permission] });
    this.targetGroupArn = group.arn;
    this.targetGroupArnSuffix = group.arnSuffix;
  }
}
