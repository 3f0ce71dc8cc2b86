// `npx tsx infra/pipeline/check-github-environment.ts <environment> [--require-reviewers]`: in the deploy
// workflow, before any AWS role is assumed, reads the GitHub environment through GitHub's API and fails,
// naming the setting to fix, unless only the deploy branch may deploy to it (and reviewers guard it).
// Reads GITHUB_TOKEN (with actions: read), GITHUB_REPOSITORY, GITHUB_API_URL and GREETER_DEPLOY_BRANCH (default main).
import { type BranchPolicy, environmentProblems, type GitHubEnvironment } from './github-environment';

async function main(): Promise<number> {
  const [name, ...flags] = process.argv.slice(2);
  const { GITHUB_TOKEN: token, GITHUB_REPOSITORY: repository, GITHUB_API_URL: api = 'https://api.github.com' } = process.env;
  if (!name || !token || !repository || flags.some((f) => f !== '--require-reviewers')) {
    process.stderr.write('usage: check-github-environment.ts <environment> [--require-reviewers]   (with GITHUB_TOKEN and GITHUB_REPOSITORY set)\n');
    return 2;
  }
  const get = async <T>(path: string): Promise<T | undefined> => {
    const response = await fetch(`${api}/repos/${repository}/environments/${encodeURIComponent(name)}${path}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`GitHub answered ${response.status} for the environment "${name}": the job needs permissions: actions: read`);
    return (await response.json()) as T;
  };
  const environment = await get<GitHubEnvironment>('');
  const custom = environment?.deployment_branch_policy?.custom_branch_policies;
  const policies = custom ? ((await get<{ branch_policies: BranchPolicy[] }>('/deployment-branch-policies?per_page=100'))?.branch_policies ?? []) : [];
  const problems = environmentProblems(name, environment, policies, {
    branch: process.env['GREETER_DEPLOY_BRANCH'] || 'main',
    requireReviewers: flags.includes('--require-reviewers'),
  });
  for (const problem of problems) process.stderr.write(`refusing to deploy: ${problem}\n`);
  if (problems.length === 0)
    process.stdout.write(`the GitHub environment "${name}" is limited to its deploy branch${flags.length ? ' and has required reviewers' : ''}\n`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`check-github-environment: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
