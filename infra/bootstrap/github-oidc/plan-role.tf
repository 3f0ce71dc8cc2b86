# ---- The plan role: reads what a plan of these stacks reads, writes nothing (plans run with
# -lock=false). Assumed by pull requests (pull requests from forks get no OIDC token from GitHub,
# and the workflow skips their plan job), and by the deploy workflow's plan job on the deploy
# branch, whose saved plan the environment's reviewers approve before the deploy role applies it.

resource "aws_iam_role" "plan" {
  name                 = "greeter-github-plan"
  description          = "Pull requests of ${var.repository}: terraform plan of the greeter stacks, read-only"
  assume_role_policy   = data.aws_iam_policy_document.github_trust["plan"].json
  max_session_duration = 3600
}

locals {
  regions = distinct([for _, e in var.environments : e.region])
  zones   = distinct(flatten([for _, e in var.environments : e.hosted_zone_ids]))
  # The project's own resources, by the names the stacks give them (greeter-<env>...).
  project_named = concat(
    flatten([for r in local.regions : [
      "arn:aws:lambda:${r}:${local.account}:function:greeter-*",
      "arn:aws:codedeploy:${r}:${local.account}:application:greeter-*",
      "arn:aws:codedeploy:${r}:${local.account}:deploymentgroup:greeter-*/*",
      "arn:aws:codedeploy:${r}:${local.account}:deploymentconfig:*",
      "arn:aws:sns:${r}:${local.account}:greeter-*",
      "arn:aws:cloudwatch:${r}:${local.account}:alarm:greeter-*",
      "arn:aws:logs:${r}:${local.account}:log-group:/aws/lambda/greeter-*",
      "arn:aws:logs:${r}:${local.account}:log-group:/aws/apigateway/greeter-*",
      "arn:aws:logs:${r}:${local.account}:log-group:/aws/vpc/greeter-*",
      "arn:aws:logs:${r}:${local.account}:log-group:/greeter/*",
      "arn:aws:logs:${r}:${local.account}:log-group:aws-waf-logs-greeter-*",
    ]]),
    [
      "arn:aws:cloudwatch::${local.account}:dashboard/greeter-*",
      "arn:aws:iam::${local.account}:role/greeter-*",
      "arn:aws:iam::${local.account}:instance-profile/greeter-*",
      "arn:aws:s3:::greeter-*",
    ],
  )
}

data "aws_iam_policy_document" "plan" {
  statement {
    sid = "ReadTheProjectsOwnResources"
    actions = [
      # Any read, but only of the project's own functions, roles and instance profiles (the resources below).
      "lambda:Get*", "lambda:List*", "iam:Get*", "iam:List*",
      "codedeploy:BatchGet*", "codedeploy:Get*", "codedeploy:List*",
      "sns:GetTopicAttributes", "sns:GetSubscriptionAttributes", "sns:ListSubscriptionsByTopic", "sns:ListTagsForResource",
      "cloudwatch:GetDashboard", "cloudwatch:ListTagsForResource",
      "logs:ListTagsForResource", "logs:ListTagsLogGroup", "logs:DescribeLogStreams", "logs:GetDataProtectionPolicy",
      "s3:GetBucket*", "s3:GetEncryptionConfiguration", "s3:GetLifecycleConfiguration", "s3:GetAccelerateConfiguration", "s3:GetReplicationConfiguration",
      "s3:GetIntelligentTieringConfiguration", "s3:ListBucket",
    ]
    resources = local.project_named
  }
  # These reads take no resource, or a resource named by a generated id that a policy cannot
  # foresee: they return configuration, never data, and stay in the environments' regions.
  statement {
    sid = "DescribeInTheRegions"
    actions = [
      "ec2:Describe*", "elasticloadbalancing:Describe*", "autoscaling:Describe*", "apigateway:GET",
      "wafv2:Get*", "wafv2:List*", "acm:DescribeCertificate", "acm:ListTagsForCertificate", "acm:ListCertificates",
      "cloudwatch:DescribeAlarms", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries",
    ]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = local.regions
    }
  }
  statement {
    sid       = "ReadTheServerArtifactObjects"
    actions   = ["s3:GetObject", "s3:GetObjectTagging", "s3:GetObjectVersion"]
    resources = [for env, _ in var.environments : "arn:aws:s3:::greeter-${env}-artifacts-*/*"]
  }
  statement {
    sid       = "ReadTheAmazonLinuxAmi"
    actions   = ["ssm:GetParameter", "ssm:GetParameters"]
    resources = [for r in local.regions : "arn:aws:ssm:${r}::parameter/aws/service/ami-amazon-linux-latest/*"]
  }
  statement {
    sid       = "FindTheHostedZones"
    actions   = ["route53:ListHostedZones", "route53:ListHostedZonesByName", "route53:GetChange", "sts:GetCallerIdentity"]
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = length(local.zones) > 0 ? [1] : []
    content {
      sid       = "ReadTheProjectsHostedZones"
      actions   = ["route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:ListTagsForResource"]
      resources = [for z in local.zones : "arn:aws:route53:::hostedzone/${z}"]
    }
  }
  statement {
    sid       = "ReadState"
    actions   = ["s3:GetObject"]
    resources = [for env, st in local.state : "arn:aws:s3:::${st.bucket}/${st.key}"]
  }
  statement {
    sid       = "ListState"
    actions   = ["s3:ListBucket"]
    resources = distinct([for env, st in local.state : "arn:aws:s3:::${st.bucket}"])
  }
}

resource "aws_iam_role_policy" "plan" {
  name   = "plan-greeter-stacks"
  role   = aws_iam_role.plan.id
  policy = data.aws_iam_policy_document.plan.json
}

output "plan_role_arn" {
  description = "Set as the repository variable GREETER_PLAN_ROLE_ARN."
  value       = aws_iam_role.plan.arn
}
