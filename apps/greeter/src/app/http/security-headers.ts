/**
 * The headers every answer carries: the set OWASP's REST Security Cheat Sheet
 * gives for JSON APIs ("Security Headers"), and nothing that matters only to
 * HTML pages. Each forbids something a browser could otherwise do with an
 * answer:
 * - `cache-control: no-store`: no browser, proxy or CDN keeps a copy
 *   (greetings echo a person's name);
 * - the CSP and `x-frame-options` (for browsers without CSP level 2): nothing
 *   may load from an answer, and no page may frame it;
 * - `strict-transport-security`: once a browser has met the API over HTTPS, it
 *   never uses plain HTTP for it again;
 * - `x-content-type-options: nosniff`: an answer is never read as anything but
 *   its declared JSON.
 * Fastify sends no `x-powered-by`, and the app adds none.
 *
 * helmet's remaining headers (cross-origin opener/resource policies,
 * origin-agent-cluster, referrer-policy, x-dns-prefetch-control,
 * x-download-options, x-permitted-cross-domain-policies, x-xss-protection)
 * govern how a browser treats an HTML document and what it loads: an API that
 * serves none has no use for them, and Node validates and copies every header
 * of every answer, so each costs throughput (see docs/benchmarks.md).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});
