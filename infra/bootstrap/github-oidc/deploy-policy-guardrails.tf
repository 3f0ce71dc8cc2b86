# ---- A deploy role's third policy: what it may never do, whatever another policy attached later allows.

data "aws_iam_policy_document" "deploy_guardrails" {
  for_each = var.environments

  # Explicit, so that no other policy attached to this role later can loosen them.
  statement {
    sid       = "NeverARoleWithoutTheBoundary"
    effect    = "Deny"
    actions   = ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "iam:PermissionsBoundary"
      values   = [local.boundary_arn[each.key]]
    }
  }
  statement {
    sid       = "NeverRemoveOrRewriteABoundary"
    effect    = "Deny"
    actions   = ["iam:DeleteRolePermissionsBoundary", "iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:TagPolicy", "iam:UntagPolicy"]
    resources = ["*"]
  }
  # A group on `$Latest` or `$Default` launches any template version made later, unchecked: a version naming
  # another environment's instance profile or security group would run with it. Numbered versions are checked.
  statement {
    sid       = "NeverALaunchTemplateVersionUnchecked"
    effect    = "Deny"
    actions   = ["autoscaling:CreateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup", "autoscaling:StartInstanceRefresh"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "autoscaling:LaunchTemplateVersionSpecified"
      values   = ["false"]
    }
  }
  # Auto Scaling checks no load-balancing permission when a group joins a target group: the stacks set a
  # group's target group when they create it, and never attach one afterwards.
  statement {
    sid       = "NeverAttachAGroupToATargetLater"
    effect    = "Deny"
    actions   = ["autoscaling:AttachLoadBalancerTargetGroups", "autoscaling:AttachLoadBalancers", "autoscaling:AttachTrafficSources"]
    resources = ["*"]
  }
  statement {
    sid       = "NeverMoveAResourceBetweenEnvironments"
    effect    = "Deny"
    actions   = local.tagging_actions
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "aws:TagKeys"
      values   = [local.environment_tag]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestTag/${local.environment_tag}"
      values   = [each.key]
    }
  }
}
