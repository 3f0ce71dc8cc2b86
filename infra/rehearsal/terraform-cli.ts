import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TERRAFORM_MISSING =
  'The Terraform CLI is not on PATH. The infrastructure tests run `terraform validate` and `terraform plan` on every stack: ' +
  'install Terraform 1.10 or newer (https://developer.hashicorp.com/terraform/install), then run `npm test` again.';

/** Where a machine may keep an offline copy of the AWS provider (this project's CI image keeps one under /opt). */
const PROVIDER_MIRRORS = [process.env['GREETER_TF_PROVIDER_MIRROR'], '/opt/tf-plugins'].filter((p): p is string => Boolean(p));

/**
 * The environment to run Terraform in, offline where possible: a CLI config
 * that installs hashicorp/aws from a local filesystem mirror when there is one
 * (otherwise Terraform downloads it from the registry, as on a user's machine),
 * written into `configDir` (a new temporary folder by default).
 * A TF_CLI_CONFIG_FILE that exists is respected; one naming a missing file is not.
 */
export function terraformEnv(configDir?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  const given = env['TF_CLI_CONFIG_FILE'];
  if (given && existsSync(given)) return env;
  const mirror = PROVIDER_MIRRORS.find((dir) => existsSync(join(dir, 'registry.terraform.io/hashicorp/aws')));
  if (!mirror) return env;
  const config = join(configDir ?? mkdtempSync(join(tmpdir(), 'greeter-tf-cli-')), 'terraform.rc');
  writeFileSync(
    config,
    `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
  );
  return { ...env, TF_CLI_CONFIG_FILE: config };
}

/** Fails with a message that says how to get Terraform when it is missing. */
export function requireTerraform(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return JSON.parse(execFileSync('terraform', ['version', '-json'], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] })).terraform_version;
  } catch {
    throw new Error(TERRAFORM_MISSING);
  }
}

export function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv): string {
  try {
    return execFileSync('terraform', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`terraform ${args.join(' ')} failed in ${dir}:\n${stderr || ''}${stdout || ''}`);
  }
}

/** A plain copy of a synthesized stack, as `cdktf deploy` would use it. */
export function pristineCopy(stackDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'greeter-tf-'));
  cpSync(stackDir, dir, { recursive: true });
  return dir;
}

/**
 * A copy of a synthesized stack that plans offline: a local backend, and the
 * provider with mock credentials and every AWS call skipped. Override files
 * change nothing in the stack itself.
 */
export function offlineCopy(stackDir: string): string {
  const dir = pristineCopy(stackDir);
  writeFileSync(
    join(dir, 'offline_override.tf.json'),
    JSON.stringify({
      terraform: { backend: { local: { path: 'offline.tfstate' } } },
      provider: {
        aws: [
          {
            access_key: 'mock-access-key',
            secret_key: 'mock-secret-key',
            skip_credentials_validation: true,
            skip_requesting_account_id: true,
            skip_metadata_api_check: true,
            skip_region_validation: true,
            // With no account to ask for, an environment's allowed_account_ids would refuse every plan.
            allowed_account_ids: null,
          },
        ],
      },
    }),
  );
  return dir;
}
