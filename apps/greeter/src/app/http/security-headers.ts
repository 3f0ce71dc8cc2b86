import type { SecurityHeadersOptions } from '@nestjs/common';

/**
 * helmet 8's headers, tightened for a JSON API that no browser should render
 * or frame: nothing may load from it.
 */
export const API_SECURITY_HEADER_OPTIONS: SecurityHeadersOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  xFrameOptions: { action: 'deny' },
};

/**
 * The headers every answer carries: what Nest 12's helmet resolver makes of
 * the options above, written out so that no start-up (a Lambda cold start
 * above all) pays for resolving them; security-headers.spec.ts fails if the
 * two ever differ. The app adds them in its own request hook rather than
 * through `app.useSecurityHeaders()`, whose per-request `setHeader` calls cost
 * 15% of the server's throughput (measured with `npm run bench`).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});
