import 'reflect-metadata';
import { resolveSecurityHeaders } from '@nestjs/core/security/security-headers.js';
import { API_SECURITY_HEADER_OPTIONS, SECURITY_HEADERS } from './security-headers';

describe('SECURITY_HEADERS', () => {
  it("are exactly what Nest's helmet resolver makes of the API options", () => {
    const resolved = resolveSecurityHeaders(API_SECURITY_HEADER_OPTIONS);
    expect(resolved.headers.map(([name, value]) => [name.toLowerCase(), value])).toEqual(Object.entries(SECURITY_HEADERS));
  });

  it('forbid rendering, framing and sniffing the answers', () => {
    expect(SECURITY_HEADERS).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
  });
});
