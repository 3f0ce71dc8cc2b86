# ---- A deploy role's first policy: what it may change by name (its state, its roles inside the boundary,
# the resources the stacks name greeter-<env>-*, its hosted zones) and the reads a plan needs.

data "aws_iam_policy_document" "deploy_named" {
  for_each = var.environments

  # -- State
  statement {
    sid       = "OwnStateAndItsLock"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["arn:aws:s3:::${local.state[each.key].bucket}/${local.state[each.key].key}", "arn:aws:s3:::${local.state[each.key].bucket}/${local.state[each.key].key}.tflock"]
  }
  statement {
    sid       = "ListState"
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::${local.state[each.key].bucket}"]
  }

  # -- IAM: the environment's own roles, always inside its boundary
  statement {
    sid = "OwnRolesOnlyWithTheBoundary"
    actions = [
      "iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
      "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:DeleteRole",
    ]
    resources = ["arn:aws:iam::${local.account}:role/greeter-${each.key}-*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PermissionsBoundary"
      values   = [local.boundary_arn[each.key]]
    }
  }
  statement {
    sid = "ReadAndTagOwnRolesAndProfiles"
    actions = [
      "iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListRoleTags", "iam:ListInstanceProfilesForRole",
      "iam:TagRole", "iam:UntagRole",
      "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:GetInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile",
      "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile",
    ]
    resources = ["arn:aws:iam::${local.account}:role/greeter-${each.key}-*", "arn:aws:iam::${local.account}:instance-profile/greeter-${each.key}-*"]
  }
  statement {
    sid       = "PassOwnRolesOnlyToTheStacksServices"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::${local.account}:role/greeter-${each.key}-*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = local.role_services
    }
  }
  statement {
    sid       = "ServiceLinkedRolesOfTheStacksServices"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "iam:AWSServiceName"
      values   = ["elasticloadbalancing.amazonaws.com", "autoscaling.amazonaws.com", "ops.apigateway.amazonaws.com", "wafv2.amazonaws.com"]
    }
  }

  # -- Resources the stacks name after the environment
  statement {
    sid       = "OwnFunction"
    actions   = ["lambda:*"]
    resources = ["arn:aws:lambda:${each.value.region}:${local.account}:function:greeter-${each.key}", "arn:aws:lambda:${each.value.region}:${local.account}:function:greeter-${each.key}:*"]
  }
  statement {
    sid       = "OwnDeploymentGroup"
    actions   = ["codedeploy:*"]
    resources = ["arn:aws:codedeploy:${each.value.region}:${local.account}:application:greeter-${each.key}", "arn:aws:codedeploy:${each.value.region}:${local.account}:deploymentgroup:greeter-${each.key}/*", "arn:aws:codedeploy:${each.value.region}:${local.account}:deploymentconfig:*"]
  }
  statement {
    sid       = "OwnLogGroups"
    actions   = ["logs:*"]
    resources = concat(local.log_groups[each.key], [for group in local.log_groups[each.key] : "${group}:*"])
  }
  statement {
    sid       = "OwnBuckets"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::greeter-${each.key}-*", "arn:aws:s3:::greeter-${each.key}-*/*"]
  }
  statement {
    sid       = "OwnAlarmsTopicAndDashboard"
    actions   = ["sns:*", "cloudwatch:*Alarm*", "cloudwatch:*Dashboard*", "cloudwatch:TagResource", "cloudwatch:UntagResource", "cloudwatch:ListTagsForResource"]
    resources = ["arn:aws:sns:${each.value.region}:${local.account}:greeter-${each.key}-*", "arn:aws:cloudwatch:${each.value.region}:${local.account}:alarm:greeter-${each.key}-*", "arn:aws:cloudwatch::${local.account}:dashboard/greeter-${each.key}"]
  }
  # Reads take no resource, or one a policy cannot foresee; they return configuration, not data.
  statement {
    sid = "DescribeInTheRegion"
    actions = [
      "ec2:Describe*", "elasticloadbalancing:Describe*", "autoscaling:Describe*", "apigateway:GET", "wafv2:Get*", "wafv2:List*",
      "acm:DescribeCertificate", "acm:ListCertificates", "acm:ListTagsForCertificate", "cloudwatch:DescribeAlarms", "logs:DescribeLogGroups",
      "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries",
    ]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [each.value.region]
    }
  }
  # Log deliveries (API Gateway access logs, WAF logging) take no resource ARN; the account's CloudWatch
  # Logs resource policy is one per account (a residual risk the README names).
  statement {
    sid       = "LogDeliveries"
    actions   = ["logs:CreateLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:PutResourcePolicy"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [each.value.region]
    }
  }

  # -- DNS, the AMI, and who the caller is
  statement {
    sid       = "FindZonesAndFollowChanges"
    actions   = ["route53:ListHostedZones", "route53:ListHostedZonesByName", "route53:GetChange", "sts:GetCallerIdentity"]
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = length(each.value.hosted_zone_ids) > 0 ? [1] : []
    content {
      sid       = "OwnHostedZonesRecords"
      actions   = ["route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets", "route53:ListTagsForResource"]
      resources = [for z in each.value.hosted_zone_ids : "arn:aws:route53:::hostedzone/${z}"]
    }
  }
  statement {
    sid       = "ReadTheAmazonLinuxAmi"
    actions   = ["ssm:GetParameter", "ssm:GetParameters"]
    resources = ["arn:aws:ssm:${each.value.region}::parameter/aws/service/ami-amazon-linux-latest/*"]
  }
}
