import type { EnvironmentDeclaration } from '@greeter/environment-config';

/**
 * The shipped environments with their "yours to set" examples replaced by
 * values of our own, as a user would set them: the tests and the rehearsal
 * synthesize these. `.test` is reserved for testing (RFC 2606), so these
 * names can never reach a real zone.
 */
export function withOwnValues(declarations: EnvironmentDeclaration[]): EnvironmentDeclaration[] {
  return declarations.map((env) => ({
    ...env,
    ...(env.domain
      ? {
          domain: env.domain.hostedZoneName
            ? { domainName: `api.${env.name}.greeter.test`, hostedZoneName: `${env.name}.greeter.test` }
            : { ...env.domain, domainName: `api.${env.name}.greeter.test` },
        }
      : {}),
    ...(env.state ? { state: { ...env.state, bucket: `greeter-tfstate-${env.name}-${env.state.region ?? env.region}` } } : {}),
  }));
}
