import { environmentProblems, type GitHubEnvironment } from './github-environment';

const CUSTOM = { protected_branches: false, custom_branch_policies: true };
const REVIEWED: GitHubEnvironment = { deployment_branch_policy: CUSTOM, protection_rules: [{ type: 'required_reviewers', reviewers: [{ type: 'Team' }] }] };
const main = { branch: 'main', requireReviewers: false };

describe('the GitHub environment check before a deploy', () => {
  it('passes an environment limited to main, with reviewers where they are required', () => {
    expect(environmentProblems('prod', REVIEWED, [{ name: 'main', type: 'branch' }], { ...main, requireReviewers: true })).toEqual([]);
    expect(environmentProblems('dev', { deployment_branch_policy: CUSTOM }, [{ name: 'main' }], main)).toEqual([]);
  });

  it('refuses a missing environment: GitHub would create it unprotected', () => {
    expect(environmentProblems('prod', undefined, [], main)).toEqual([expect.stringMatching(/^the GitHub environment "prod" does not exist: create it/)]);
  });

  it.each([
    ['any branch', { deployment_branch_policy: null }, []],
    ['any protected branch', { deployment_branch_policy: { protected_branches: true, custom_branch_policies: false } }, []],
    ['main, release/*', { deployment_branch_policy: CUSTOM }, [{ name: 'main' }, { name: 'release/*' }]],
    ['the tag main', { deployment_branch_policy: CUSTOM }, [{ name: 'main', type: 'tag' as const }]],
  ])('refuses one that lets %s deploy, naming the setting', (now, environment, policies) => {
    expect(environmentProblems('dev', environment, policies, main)).toEqual([
      `the GitHub environment "dev" lets ${now} deploy: under Settings → Environments → dev → Deployment branches and tags, choose "Selected branches and tags" with the one rule "main"`,
    ]);
  });

  it('refuses prod without required reviewers', () => {
    expect(
      environmentProblems('prod', { deployment_branch_policy: CUSTOM, protection_rules: [{ type: 'wait_timer' }] }, [{ name: 'main' }], {
        ...main,
        requireReviewers: true,
      }),
    ).toEqual(['the GitHub environment "prod" has no required reviewers: add them under Settings → Environments → prod → Required reviewers']);
  });
});
