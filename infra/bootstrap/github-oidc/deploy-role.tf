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

# Three managed policies per role, by concern (deploy-policy-*.tf): IAM holds a role's inline policies to
# 10,240 characters in all and a managed policy to 6,144, and prod's one inline policy had reached 10,150.
locals {
  deploy_documents = {
    named      = { for env, doc in data.aws_iam_policy_document.deploy_named : env => doc.json }
    tagged     = { for env, doc in data.aws_iam_policy_document.deploy_tagged : env => doc.json }
    guardrails = { for env, doc in data.aws_iam_policy_document.deploy_guardrails : env => doc.json }
  }
  deploy_policies = {
    for pair in setproduct(keys(var.environments), keys(local.deploy_documents)) : "${pair[0]}-${pair[1]}" => { env = pair[0], part = pair[1] }
  }
}

resource "aws_iam_policy" "deploy" {
  for_each    = local.deploy_policies
  name        = "greeter-github-deploy-${each.key}"
  description = "The ${each.value.env} deploy role's ${each.value.part} permissions (infra/bootstrap/github-oidc/deploy-policy-${each.value.part}.tf)"
  policy      = local.deploy_documents[each.value.part][each.value.env]
}

resource "aws_iam_role_policy_attachment" "deploy" {
  for_each   = local.deploy_policies
  role       = aws_iam_role.deploy[each.value.env].name
  policy_arn = aws_iam_policy.deploy[each.key].arn
}

output "deploy_role_arns" {
  description = "Set each as GREETER_DEPLOY_ROLE_ARN in its GitHub environment (with GREETER_AWS_REGION)."
  value       = { for env, role in aws_iam_role.deploy : env => role.arn }
}
