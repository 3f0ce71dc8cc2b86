import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The AWS provider's debug log, one per deploy folder across all its Terraform commands (kept with `--keep`). */
export const PROVIDER_LOG = 'terraform-provider.log';

/** What makes Terraform write the AWS provider's debug log (its requests, responses and retries, not Terraform's own) into a folder. */
export function providerLogEnv(dir: string): NodeJS.ProcessEnv {
  return { TF_LOG_PROVIDER: 'DEBUG', TF_LOG_PATH: join(dir, PROVIDER_LOG) };
}

/** How far the log has got, to read only what one command adds to it. */
export function providerLogSize(dir: string): number {
  const log = join(dir, PROVIDER_LOG);
  return existsSync(log) ? statSync(log).size : 0;
}

const RETRY = /retrying request ([^,\n]+), attempt (\d+)/g;

/**
 * The requests the AWS SDK sent again after the first attempt failed in
 * transit, from the log past `since`. A retried create whose first attempt
 * was applied fails as "already exists": a failure report names them.
 */
export function sdkRetriesSince(dir: string, since: number): string[] {
  const size = providerLogSize(dir);
  if (size <= since) return [];
  const buffer = Buffer.alloc(size - since);
  const fd = openSync(join(dir, PROVIDER_LOG), 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, since);
  } finally {
    closeSync(fd);
  }
  return [...buffer.toString('utf8').matchAll(RETRY)].map(([, request, attempt]) => `${request} (attempt ${attempt})`);
}
