# ---- Each environment's permissions boundary: the most any role its stacks create may do, whatever
# policy the role is given. It allows what the app and AWS's services need at run time (the union of
# the stacks' role policies, each limited to the environment's own resources), and nothing in IAM:
# a deploy role that may create roles only with this boundary cannot make one more powerful than it.
# Changing a stack role's policy means changing this too; infra/security/boundary.spec.ts fails first.

locals {
  boundary_arn = { for env, _ in var.environments : env => "arn:aws:iam::${local.account}:policy/greeter-${env}-boundary" }
  # The log groups the stacks create for an environment (functions, API access logs, flow logs, the app on EC2, WAF).
  log_groups = { for env, e in var.environments : env => [
    "arn:aws:logs:${e.region}:${local.account}:log-group:/aws/lambda/greeter-${env}",
    "arn:aws:logs:${e.region}:${local.account}:log-group:/aws/apigateway/greeter-${env}/*",
    "arn:aws:logs:${e.region}:${local.account}:log-group:/aws/vpc/greeter-${env}/*",
    "arn:aws:logs:${e.region}:${local.account}:log-group:/greeter/${env}/*",
    "arn:aws:logs:${e.region}:${local.account}:log-group:aws-waf-logs-greeter-${env}",
  ] }
}

data "aws_iam_policy_document" "boundary" {
  for_each = var.environments
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = [for group in local.log_groups[each.key] : "${group}:*"]
  }
  statement {
    sid       = "ReadOwnArtifact"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["arn:aws:s3:::greeter-${each.key}-*/*"]
  }
  statement {
    sid       = "ShiftOwnAlias"
    actions   = ["lambda:GetAlias", "lambda:UpdateAlias", "lambda:GetProvisionedConcurrencyConfig"]
    resources = ["arn:aws:lambda:${each.value.region}:${local.account}:function:greeter-${each.key}", "arn:aws:lambda:${each.value.region}:${local.account}:function:greeter-${each.key}:*"]
  }
  # These take no resource ARN: X-Ray traces, the SSM agent's Session Manager channels,
  # finding a log group (flow logs), reading alarm states (CodeDeploy).
  statement {
    sid = "ActionsWithoutResources"
    actions = [
      "xray:PutTraceSegments", "xray:PutTelemetryRecords",
      "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel", "ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage", "ec2messages:GetEndpoint",
      "ec2messages:GetMessages", "ec2messages:SendReply",
      "logs:DescribeLogGroups", "cloudwatch:DescribeAlarms",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "boundary" {
  for_each    = var.environments
  name        = "greeter-${each.key}-boundary"
  description = "Permissions boundary of every role the greeter-${each.key} stack creates: its run-time needs, on its own resources"
  policy      = data.aws_iam_policy_document.boundary[each.key].json
}

output "boundary_policy_arns" {
  description = "Each environment's permissions boundary (the stacks attach it to every role they create)."
  value       = { for env, policy in aws_iam_policy.boundary : env => policy.arn }
}
