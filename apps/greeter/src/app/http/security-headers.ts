import type { SecurityHeadersOptions } from '@nestjs/common';

/**
 * helmet 8's headers (Nest 12 sets them without the dependency), tightened for
 * a JSON API that no browser should render or frame: nothing may load from it.
 */
export const API_SECURITY_HEADERS: SecurityHeadersOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  xFrameOptions: { action: 'deny' },
};
