# ---- One deploy role per environment. It can change that environment's resources only: by name where
# AWS names them, by the environment tag where AWS generates ids; it can create roles only inside the
# environment's permissions boundary (boundary.tf), and only the deploy workflow on the deploy branch
# can assume it.

resource "aws_iam_role" "deploy" {
  for_each           = var.environments
  name               = "greeter-github-deploy-${each.key}"
  description        = "The ${each.key} GitHub environment of ${var.repository}: deploys greeter-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.github_trust["deploy-${each.key}"].json
  # A deploy waits for its rollout: up to 100 minutes for the slowest CodeDeploy strategy, plus the apply.
  max_session_duration = 10800
}

locals {
  # Services whose resources AWS names by generated ids: told apart by the environment tag.
  tagged_services = ["ec2", "elasticloadbalancing", "autoscaling", "apigateway", "wafv2", "acm"]
  # Their creating calls, which tag what they create in the same request.
  # EC2's creating calls, allowed only on the resource types they create (a call's other resources, such as a
  # flow log's network interface, must carry the environment's tag): EC2 sets the request's tags on all of them.
  ec2_creating_actions = [
    "ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateRouteTable", "ec2:CreateInternetGateway", "ec2:CreateSecurityGroup", "ec2:CreateVpcEndpoint",
    "ec2:CreateFlowLogs", "ec2:CreateLaunchTemplate", "ec2:CreateNetworkAcl", "ec2:AllocateAddress", "ec2:CreateNatGateway",
    "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
  ]
  ec2_created_types = [
    "vpc", "subnet", "route-table", "internet-gateway", "security-group", "security-group-rule", "vpc-endpoint", "vpc-flow-log", "launch-template",
    "network-acl", "elastic-ip", "natgateway",
  ]
  creating_actions = [
    "elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateRule",
    "autoscaling:CreateAutoScalingGroup", "wafv2:CreateWebACL", "acm:RequestCertificate", "apigateway:POST",
  ]
  # Their tagging calls, which services without a create-action key also check on creation.
  tag_on_create_actions = ["autoscaling:CreateOrUpdateTags", "wafv2:TagResource", "acm:AddTagsToCertificate"]
  # Their tagging calls: never a way to move a resource into or out of an environment.
  tagging_actions = [
    "ec2:CreateTags", "ec2:DeleteTags", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags",
    "autoscaling:CreateOrUpdateTags", "autoscaling:DeleteTags", "wafv2:TagResource", "wafv2:UntagResource",
    "acm:AddTagsToCertificate", "acm:RemoveTagsFromCertificate", "apigateway:TagResource", "apigateway:UntagResource",
  ]
  # The services the stacks hand roles to.
  role_services = ["lambda.amazonaws.com", "ec2.amazonaws.com", "codedeploy.amazonaws.com", "vpc-flow-logs.amazonaws.com"]
}

data "aws_iam_policy_document" "deploy" {
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

  # -- Resources AWS names by generated ids: by the environment tag, in the environment's region
  statement {
    sid       = "ChangeOnlyThisEnvironmentsTaggedResources"
    actions   = [for s in local.tagged_services : "${s}:*"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/${local.environment_tag}"
      values   = [each.key]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [each.value.region]
    }
  }
  statement {
    sid       = "CreateEc2OnlyTaggedForThisEnvironment"
    actions   = local.ec2_creating_actions
    resources = [for type in local.ec2_created_types : "arn:aws:ec2:${each.value.region}:${local.account}:${type}/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/${local.environment_tag}"
      values   = [each.key]
    }
    condition {
      test     = "Null"
      variable = "aws:ResourceTag/${local.environment_tag}"
      values   = ["true"]
    }
  }
  # What an instance launch creates; its template, subnet and security groups must be the environment's,
  # its image Amazon's (LaunchAmazonImages), and no snapshot or other image is allowed.
  statement {
    sid       = "LaunchOnlyTaggedForThisEnvironment"
    actions   = ["ec2:RunInstances"]
    resources = [for type in ["instance", "volume", "network-interface"] : "arn:aws:ec2:${each.value.region}:${local.account}:${type}/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/${local.environment_tag}"
      values   = [each.key]
    }
  }
  statement {
    sid       = "CreateOnlyTaggedForThisEnvironment"
    actions   = local.creating_actions
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/${local.environment_tag}"
      values   = [each.key]
    }
    # Never on what already belongs to an environment: a subnet in another's VPC, a stage on another's API.
    condition {
      test     = "Null"
      variable = "aws:ResourceTag/${local.environment_tag}"
      values   = ["true"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [each.value.region]
    }
  }
  # Auto Scaling checks that whoever sets a group's template could launch it, from Amazon's images only.
  statement {
    sid       = "LaunchAmazonImages"
    actions   = ["ec2:RunInstances"]
    resources = ["arn:aws:ec2:${each.value.region}::image/*"]
    condition {
      test     = "StringEquals"
      variable = "ec2:Owner"
      values   = ["amazon"]
    }
  }
  # Services without a create-action key check their tagging call on a resource that has no tags yet: only
  # on the environment's own names where the ARN has one (certificate ARNs have only an id), in its region.
  statement {
    sid     = "TagOnCreate"
    actions = local.tag_on_create_actions
    resources = [
      "arn:aws:autoscaling:${each.value.region}:${local.account}:autoScalingGroup:*:autoScalingGroupName/greeter-${each.key}-*",
      "arn:aws:wafv2:${each.value.region}:${local.account}:regional/webacl/greeter-${each.key}-*/*",
      "arn:aws:acm:${each.value.region}:${local.account}:certificate/*",
    ]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/${local.environment_tag}"
      values   = [each.key]
    }
    condition {
      test     = "Null"
      variable = "aws:ResourceTag/${local.environment_tag}"
      values   = ["true"]
    }
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
  # ELB authorizes the tags of a creating call as AddTags with elasticloadbalancing:CreateAction set.
  statement {
    sid       = "TagWhatElbCreates"
    actions   = ["elasticloadbalancing:AddTags"]
    resources = ["*"]
    condition {
      test     = "Null"
      variable = "elasticloadbalancing:CreateAction"
      values   = ["false"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/${local.environment_tag}"
      values   = [each.key]
    }
  }
  # A web ACL is set on a load balancer by a call that takes no resource; WAF also checks
  # wafv2:AssociateWebACL and elasticloadbalancing:CreateWebACLAssociation on the (tagged) load balancer.
  statement {
    sid       = "SetWebAclsInTheRegion"
    actions   = ["elasticloadbalancing:SetWebAcl"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [each.value.region]
    }
  }
  # EC2 authorizes the tags of a creating call as ec2:CreateTags with ec2:CreateAction set.
  statement {
    sid       = "TagWhatItCreates"
    actions   = ["ec2:CreateTags"]
    resources = ["*"]
    condition {
      test     = "Null"
      variable = "ec2:CreateAction"
      values   = ["false"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/${local.environment_tag}"
      values   = [each.key]
    }
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

resource "aws_iam_role_policy" "deploy" {
  for_each = var.environments
  name     = "deploy-greeter-${each.key}"
  role     = aws_iam_role.deploy[each.key].id
  policy   = data.aws_iam_policy_document.deploy[each.key].json
}

output "deploy_role_arns" {
  description = "Set each as GREETER_DEPLOY_ROLE_ARN in its GitHub environment (with GREETER_AWS_REGION)."
  value       = { for env, role in aws_iam_role.deploy : env => role.arn }
}
