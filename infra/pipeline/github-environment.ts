/**
 * What the deploy workflow checks of a GitHub environment before it assumes any AWS role: the
 * environment exists, only the deploy branch may deploy to it, and (for the environments that need
 * it) reviewers must approve. GitHub creates a missing environment unprotected, and the branch rule
 * is a setting nothing else creates or checks.
 */

/** The parts of `GET /repos/{owner}/{repo}/environments/{name}` read here. */
export interface GitHubEnvironment {
  protection_rules?: Array<{ type: string; reviewers?: unknown[] }>;
  deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
}

/** One entry of `GET …/environments/{name}/deployment-branch-policies`. */
export interface BranchPolicy {
  name: string;
  type?: 'branch' | 'tag';
}

export interface EnvironmentRequirements {
  /** The one branch that may deploy. */
  branch: string;
  /** Whether a person must approve each deploy (prod). */
  requireReviewers: boolean;
}

/** The settings to fix, one line each, naming where GitHub keeps them; none when the environment is safe to deploy to. */
export function environmentProblems(
  name: string,
  environment: GitHubEnvironment | undefined,
  branchPolicies: BranchPolicy[],
  required: EnvironmentRequirements,
): string[] {
  const settings = `Settings → Environments → ${name}`;
  if (!environment) return [`the GitHub environment "${name}" does not exist: create it (${settings}), limited to ${required.branch}, before the first deploy`];
  const problems: string[] = [];
  const policy = environment.deployment_branch_policy;
  const [only, ...others] = branchPolicies;
  const onlyTheBranch = others.length === 0 && only?.name === required.branch && (only.type ?? 'branch') === 'branch';
  if (!policy?.custom_branch_policies || !onlyTheBranch) {
    const now = !policy
      ? 'any branch'
      : policy.protected_branches
        ? 'any protected branch'
        : branchPolicies.map((p) => (p.type === 'tag' ? `the tag ${p.name}` : p.name)).join(', ') || 'no branch';
    problems.push(
      `the GitHub environment "${name}" lets ${now} deploy: under ${settings} → Deployment branches and tags, choose "Selected branches and tags" with the one rule "${required.branch}"`,
    );
  }
  if (required.requireReviewers) {
    const reviewers = (environment.protection_rules ?? []).filter((rule) => rule.type === 'required_reviewers').flatMap((rule) => rule.reviewers ?? []);
    if (reviewers.length === 0) problems.push(`the GitHub environment "${name}" has no required reviewers: add them under ${settings} → Required reviewers`);
  }
  return problems;
}
