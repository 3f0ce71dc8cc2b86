# Lets this repository's GitHub Actions workflows reach AWS without stored keys:
# GitHub's OIDC provider, a plan-only role for pull requests, and one deploy role
# per environment that only that GitHub environment's jobs can assume. Run once per
# AWS account, with credentials that may manage IAM:
#   terraform -chdir=infra/bootstrap/github-oidc init
#   terraform -chdir=infra/bootstrap/github-oidc apply \
#     -var account_id=<12 digits> -var repository=<owner>/<repo> \
#     -var 'environments={dev={region="us-east-1",state_bucket="<bucket in us-east-1>"},staging={region="eu-west-1",state_bucket="<bucket in eu-west-1>"},prod={region="us-east-1",state_bucket="<bucket in us-east-1>"}}'
# then set the repository variable GREETER_PLAN_ROLE_ARN, and in each GitHub
# environment GREETER_DEPLOY_ROLE_ARN and GREETER_AWS_REGION, from the outputs.

terraform {
  required_version = ">= 1.10"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "account_id" {
  description = "The AWS account the roles are for (the one the credentials running this belong to)."
  type        = string
  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be the 12-digit AWS account id."
  }
}

variable "repository" {
  description = "The GitHub repository whose workflows may assume the roles, as owner/name."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.repository))
    error_message = "repository must be owner/name, e.g. acme/greeter."
  }
}

variable "environments" {
  description = "Each environment deployed from this account: its region, and its state bucket and key (as in infra/environments.ts; the key defaults to greeter/<env>.tfstate)."
  type = map(object({
    region       = string
    state_bucket = string
    state_key    = optional(string)
  }))
}

variable "create_oidc_provider" {
  description = "false when the account already has GitHub's OIDC provider (an account holds one per URL)."
  type        = bool
  default     = true
}

provider "aws" {
  region = "us-east-1"
}

locals {
  account  = var.account_id
  issuer   = "token.actions.githubusercontent.com"
  oidc_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : "arn:aws:iam::${local.account}:oidc-provider/${local.issuer}"
  # Each environment's state object, as the stacks name it.
  state = { for env, e in var.environments : env => { bucket = e.state_bucket, key = coalesce(e.state_key, "greeter/${env}.tfstate") } }
}

resource "aws_iam_openid_connect_provider" "github" {
  count           = var.create_oidc_provider ? 1 : 0
  url             = "https://${local.issuer}"
  client_id_list  = ["sts.amazonaws.com"]
  # AWS trusts GitHub's certificate authority for this provider; the thumbprints are required by the API only.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]
}

# Trusted by one subject of this repository's tokens only: a pull request, or one GitHub environment.
data "aws_iam_policy_document" "trust" {
  for_each = merge({ plan = "repo:${var.repository}:pull_request" }, { for env, _ in var.environments : env => "repo:${var.repository}:environment:${env}" })
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.oidc_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = [each.value]
    }
  }
}

# ---- The pull request's role: reads what a plan reads, writes nothing (plans run with -lock=false).

resource "aws_iam_role" "plan" {
  name                 = "greeter-github-plan"
  description          = "Pull requests of ${var.repository}: terraform plan of the greeter stacks, read-only"
  assume_role_policy   = data.aws_iam_policy_document.trust["plan"].json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "plan" {
  statement {
    sid = "ReadTheStacksResources"
    actions = [
      "acm:Describe*", "acm:List*", "apigateway:GET", "autoscaling:Describe*",
      "cloudwatch:Describe*", "cloudwatch:GetDashboard", "cloudwatch:List*",
      "codedeploy:BatchGet*", "codedeploy:Get*", "codedeploy:List*",
      "ec2:Describe*", "elasticloadbalancing:Describe*", "iam:Get*", "iam:List*",
      "lambda:Get*", "lambda:List*", "logs:Describe*", "logs:ListTagsForResource", "logs:ListTagsLogGroup",
      "route53:Get*", "route53:List*", "s3:GetBucket*", "s3:GetEncryptionConfiguration", "s3:GetLifecycleConfiguration",
      "s3:GetAccelerateConfiguration", "s3:GetReplicationConfiguration", "s3:ListBucket", "sns:Get*", "sns:List*",
      "wafv2:Get*", "wafv2:List*", "sts:GetCallerIdentity",
    ]
    resources = ["*"]
  }
  statement {
    sid       = "ReadTheServerArtifactObjects"
    actions   = ["s3:GetObject", "s3:GetObjectTagging", "s3:GetObjectVersion"]
    resources = [for env, _ in var.environments : "arn:aws:s3:::greeter-${env}-artifacts-*/*"]
  }
  statement {
    sid       = "ReadTheAmazonLinuxAmi"
    actions   = ["ssm:GetParameter", "ssm:GetParameters"]
    resources = ["arn:aws:ssm:*::parameter/aws/service/ami-amazon-linux-latest/*"]
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

# ---- One deploy role per environment: manages that environment's resources only, where AWS can tell them apart by name.

resource "aws_iam_role" "deploy" {
  for_each             = var.environments
  name                 = "greeter-github-deploy-${each.key}"
  description          = "The ${each.key} GitHub environment of ${var.repository}: deploys greeter-${each.key}"
  assume_role_policy   = data.aws_iam_policy_document.trust[each.key].json
  # A deploy waits for its rollout: up to 100 minutes for the slowest CodeDeploy strategy, plus the apply.
  max_session_duration = 10800
}

data "aws_iam_policy_document" "deploy" {
  for_each = var.environments
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
  # Roles and instance profiles named for this environment only: a deploy cannot create or
  # pass a role of another environment, nor any other role in the account.
  statement {
    sid       = "OwnRoles"
    actions = [
      "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy", "iam:PassRole",
      "iam:TagRole", "iam:UntagRole", "iam:ListRoleTags", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
      "iam:GetRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
      "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:GetInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile",
      "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:ListInstanceProfilesForRole",
    ]
    resources = ["arn:aws:iam::${local.account}:role/greeter-${each.key}-*", "arn:aws:iam::${local.account}:instance-profile/greeter-${each.key}-*"]
  }
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
    sid     = "OwnLogGroups"
    actions = ["logs:*"]
    resources = [
      "arn:aws:logs:${each.value.region}:${local.account}:log-group:/aws/lambda/greeter-${each.key}*",
      "arn:aws:logs:${each.value.region}:${local.account}:log-group:/aws/apigateway/greeter-${each.key}*",
      "arn:aws:logs:${each.value.region}:${local.account}:log-group:/aws/vpc/greeter-${each.key}*",
      "arn:aws:logs:${each.value.region}:${local.account}:log-group:/greeter/${each.key}/*",
      "arn:aws:logs:${each.value.region}:${local.account}:log-group:aws-waf-logs-greeter-${each.key}*",
    ]
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
  # These services name resources by generated ids, which IAM cannot tell apart by environment
  # before they exist; they are limited to the environment's region instead.
  statement {
    sid = "NetworkLoadBalancerScalingEdge"
    actions = [
      "ec2:*", "elasticloadbalancing:*", "autoscaling:*", "apigateway:*", "wafv2:*", "acm:*",
      # API Gateway access logs and WAF logging are set up as log deliveries.
      "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries",
      "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
      "cloudwatch:DescribeAlarms", "ssm:GetParameter", "ssm:GetParameters",
    ]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [each.value.region]
    }
  }
  statement {
    sid       = "DnsAndIdentity"
    actions   = ["route53:*", "sts:GetCallerIdentity", "iam:CreateServiceLinkedRole", "iam:GetRole", "iam:ListRoles"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "deploy" {
  for_each = var.environments
  name     = "deploy-greeter-${each.key}"
  role     = aws_iam_role.deploy[each.key].id
  policy   = data.aws_iam_policy_document.deploy[each.key].json
}

output "plan_role_arn" {
  description = "Set as the repository variable GREETER_PLAN_ROLE_ARN."
  value       = aws_iam_role.plan.arn
}

output "deploy_role_arns" {
  description = "Set each as GREETER_DEPLOY_ROLE_ARN in its GitHub environment (with GREETER_AWS_REGION)."
  value       = { for env, role in aws_iam_role.deploy : env => role.arn }
}
