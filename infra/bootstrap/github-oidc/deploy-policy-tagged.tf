# ---- A deploy role's second policy: resources AWS names by generated ids, told apart by the environment
# tag, created only with that tag, in the environment's region.

data "aws_iam_policy_document" "deploy_tagged" {
  for_each = var.environments

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
}
