/**
 * The security choices every environment gets, in one place. Constructs take
 * them as prop defaults (LoadBalancedInstances: the TLS policy, invalid-header
 * drop and instance metadata options; LambdaHttpApi: the tracing mode), so a
 * caller can override one deliberately but never forgets one. The instance
 * refresh preferences are the deployment hook's own (deploy-hooks/instance-refresh.ts).
 */
export const SECURE_DEFAULTS = {
  /** TLS 1.3 preferred, TLS 1.2 allowed, nothing older. */
  albSslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  /** IMDSv2 only, and not reachable from containers or forwarded traffic. */
  instanceMetadata: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
  dropInvalidHeaderFields: true,
  /**
   * Rolling deploys launch before they terminate: healthy capacity never drops
   * below 100% of the desired count, and up to twice as many run while new
   * instances warm up (AWS's default, 90% and no maximum above 100%,
   * terminates first: staging would serve from one instance of two).
   */
  instanceRefresh: { minHealthyPercentage: 100, maxHealthyPercentage: 200 },
  lambdaTracingMode: 'Active',
} as const;

/** An IAM policy document, written out as Terraform expects it. */
export function policyDocument(statements: Array<Record<string, unknown>>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export function assumeRolePolicy(service: string): string {
  return policyDocument([{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }]);
}
