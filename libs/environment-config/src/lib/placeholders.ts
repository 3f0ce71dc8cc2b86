import type { Environment } from './environment';

/** The documentation-only account id AWS's own examples use. */
const EXAMPLE_ACCOUNT = '123456789012';
/** Names reserved for examples (RFC 2606): they can never be yours. */
const EXAMPLE_DOMAIN = /(^|\.)(example\.(com|net|org)|example)$/;

/**
 * What an environment still holds from the shipped examples: values only its
 * owner can know. Deploying them would fail far into an apply (a certificate
 * that does not exist) or, worse, write state into a bucket someone else may
 * own. One line each, naming the environment, the field and what to put there.
 */
export function placeholderProblems(env: Environment): string[] {
  const at = (field: string) => `environment "${env.name}": ${field}`;
  const problems: string[] = [];
  const { domain, state } = env;
  if (env.accountId === EXAMPLE_ACCOUNT) {
    problems.push(`${at('accountId')} ${EXAMPLE_ACCOUNT} is AWS's documentation account: set the account this environment deploys to, or remove accountId`);
  }
  if (domain && EXAMPLE_DOMAIN.test(domain.domainName)) {
    problems.push(
      `${at('domain.domainName')} ${domain.domainName} is an example name: set the domain this environment serves, or remove domain to use the generated URL`,
    );
  }
  if (domain?.hostedZoneName !== undefined && EXAMPLE_DOMAIN.test(domain.hostedZoneName)) {
    problems.push(
      `${at('domain.hostedZoneName')} ${domain.hostedZoneName} is an example name: set the Route 53 public hosted zone that holds ${domain.domainName}`,
    );
  }
  if (domain?.certificateArn?.includes(`:${EXAMPLE_ACCOUNT}:`)) {
    problems.push(
      `${at('domain.certificateArn')} names the example account ${EXAMPLE_ACCOUNT}: set the ARN of your ACM certificate in ${env.region}, or use hostedZoneName to have the stack create one`,
    );
  }
  if (state && /example/.test(state.bucket)) {
    problems.push(
      `${at('state.bucket')} ${state.bucket} is an example name: set the bucket infra/bootstrap/state-bucket created in ${state.region} (see docs/deploying.md, "State"), or remove state to keep it in a local file`,
    );
  }
  return problems;
}
