import { SECURITY_HEADERS } from './security-headers';

describe('SECURITY_HEADERS', () => {
  it("are OWASP's REST API set: no caching, no rendering, framing or sniffing, HTTPS only", () => {
    expect(SECURITY_HEADERS).toEqual({
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
  });

  it('have lower-case names, as Fastify stores them (it would lower-case each on every answer otherwise)', () => {
    for (const name of Object.keys(SECURITY_HEADERS)) expect(name).toBe(name.toLowerCase());
  });
});
