# Lets this repository's GitHub Actions workflows reach AWS without stored keys:
# GitHub's OIDC provider, a plan-only role for pull requests (plan-role.tf), and per
# environment a deploy role (deploy-role.tf) and the permissions boundary every role
# its stacks create must carry (boundary.tf). Run once per AWS account, with the
# environments deployed from it (an account per environment is best: then no deploy
# role can reach another environment whatever its policy says):
#   terraform -chdir=infra/bootstrap/github-oidc init
#   terraform -chdir=infra/bootstrap/github-oidc apply \
#     -var account_id=<12 digits> -var repository=<owner>/<repo> \
#     -var 'environments={prod={region="us-east-1",state_bucket="<bucket in us-east-1>",hosted_zone_ids=["Z0123456789ABC"]}}'
# then set the repository variable GREETER_PLAN_ROLE_ARN, and in each GitHub
# environment GREETER_DEPLOY_ROLE_ARN and GREETER_AWS_REGION, from the outputs
# (docs/ci-cd.md gives the commands, and the GitHub settings the deploy checks).

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
  description = <<-EOT
    Each environment deployed from this account: its region; its state bucket and key (as in
    infra/environments.ts; the key defaults to greeter/<env>.tfstate); and the ids of the Route 53
    hosted zones its domain's records live in (none: the deploy role may change no DNS record).
  EOT
  type = map(object({
    region          = string
    state_bucket    = string
    state_key       = optional(string)
    hosted_zone_ids = optional(list(string), [])
  }))
  validation {
    condition     = alltrue([for env, _ in var.environments : can(regex("^[a-z][a-z0-9-]*$", env))])
    error_message = "Environment names are lower-case letters, digits and hyphens, as infra/environments.ts has them."
  }
  validation {
    # A deploy role's permissions cover greeter-<env>-*: "prod" would cover "prod-eu"'s resources, "github" the CI roles.
    condition = alltrue([for env, _ in var.environments : !startswith("${env}-", "github-") && alltrue([
      for other, _ in var.environments : other == env || !startswith(other, env)
    ])])
    error_message = "No environment name may start with another's, nor be github or github-…: a deploy role's greeter-<env>-* permissions would cover the other's resources or the CI roles."
  }
  validation {
    # Upper-case letters and digits (AWS's start with Z; the emulator's need not), never a zone's name.
    condition     = alltrue(flatten([for _, e in var.environments : [for z in e.hosted_zone_ids : can(regex("^[A-Z0-9]{1,32}$", z))]]))
    error_message = "hosted_zone_ids are Route 53 zone ids such as Z0123456789ABCDEFGHIJ (no /hostedzone/ prefix), not zone names."
  }
}

variable "create_oidc_provider" {
  description = "false when the account already has GitHub's OIDC provider (an account holds one per URL)."
  type        = bool
  default     = true
}

variable "deploy_branch" {
  description = "The only branch whose deploy workflow may assume a deploy role."
  type        = string
  default     = "main"
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
  # The tag every resource of an environment carries (standardTags in infra/src/greeter-stack.ts):
  # where environments share an account, the deploy roles tell their resources apart by it.
  environment_tag = "environment"
  # The one workflow that deploys, at the one branch that may deploy.
  deploy_workflow_ref = "${var.repository}/.github/workflows/deploy-environment.yml@refs/heads/${var.deploy_branch}"
}

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.create_oidc_provider ? 1 : 0
  url            = "https://${local.issuer}"
  client_id_list = ["sts.amazonaws.com"]
  # AWS trusts GitHub's certificate authority for this provider; the thumbprints are required by the API only.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]
}

# Who may assume each role: GitHub's tokens for this repository, with these claims (each a
# StringEquals condition; a claim listed with several values matches any one of them).
locals {
  trusted_claims = merge(
    # The plan role: pull requests, and the deploy workflow's plan job on the deploy branch.
    { plan = { sub = ["repo:${var.repository}:pull_request", "repo:${var.repository}:ref:refs/heads/${var.deploy_branch}"] } },
    # A deploy role: a job in its GitHub environment (whose protection rules gate it), running the
    # deploy workflow from the deploy branch: not a branch's copy of it, nor another workflow.
    { for env, _ in var.environments : "deploy-${env}" => {
      sub              = ["repo:${var.repository}:environment:${env}"]
      job_workflow_ref = [local.deploy_workflow_ref]
      ref              = ["refs/heads/${var.deploy_branch}"]
    } },
  )
}

data "aws_iam_policy_document" "github_trust" {
  for_each = local.trusted_claims
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
    dynamic "condition" {
      for_each = each.value
      content {
        test     = "StringEquals"
        variable = "${local.issuer}:${condition.key}"
        values   = condition.value
      }
    }
  }
}
