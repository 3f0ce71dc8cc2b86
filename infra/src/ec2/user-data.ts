import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Fn } from 'cdktf';

export interface GreeterUserDataProps {
  /** CloudWatch Logs group the agent ships the app's output to. */
  logGroup: string;
  artifactBucket: string;
  artifactKey: string;
  /** The S3 object version of this build: earlier launch templates keep naming theirs. */
  artifactVersionId: string;
  artifactSha256Hex: string;
  appPort: number;
  shutdownTimeoutMs: number;
  /** How long /health answers 503 before the listener closes, on SIGTERM. */
  shutdownDrainMs: number;
  /** Longer than the load balancer's idle timeout, so it never reuses a connection the app is closing. */
  keepAliveTimeoutMs: number;
}

/** The install script's body, kept as a real shell file so it can be linted and run in tests. */
export const INSTALL_SCRIPT_PATH = join(__dirname, 'install-greeter.sh');

/** Escapes a value for use between single quotes in the shell. */
function shellQuoteInner(value: string): string {
  return value.replaceAll("'", `'"'"'`);
}

/** The settings lines as pieces, each value a piece of its own (it may be a Terraform reference). */
function settingsHeaderParts(props: GreeterUserDataProps): string[] {
  const settings = {
    ARTIFACT_BUCKET: props.artifactBucket,
    ARTIFACT_KEY: props.artifactKey,
    ARTIFACT_VERSION_ID: props.artifactVersionId,
    ARTIFACT_SHA256: props.artifactSha256Hex,
    APP_PORT: String(props.appPort),
    SHUTDOWN_TIMEOUT_MS: String(props.shutdownTimeoutMs),
    SHUTDOWN_DRAIN_MS: String(props.shutdownDrainMs),
    KEEP_ALIVE_TIMEOUT_MS: String(props.keepAliveTimeoutMs),
    LOG_GROUP: props.logGroup,
  };
  const parts = ['#!/bin/bash\n'];
  for (const [name, value] of Object.entries(settings)) parts.push(`${name}='`, shellQuoteInner(value), `'\n`);
  parts.push('\n');
  return parts;
}

/** The user data as the instance runs it: the settings, then the install script's body. */
export function renderGreeterUserData(props: GreeterUserDataProps): string {
  return settingsHeaderParts(props).join('') + readFileSync(INSTALL_SCRIPT_PATH, 'utf8');
}

/**
 * The same user data, base64-encoded for a launch template. The header may
 * hold references (the bucket's generated name) that Terraform fills in; the
 * script's body travels base64-encoded, so Terraform never reads its `${…}`
 * as template syntax.
 */
export function greeterUserDataBase64ForTerraform(props: GreeterUserDataProps): string {
  const body = readFileSync(INSTALL_SCRIPT_PATH).toString('base64');
  return Fn.base64encode(Fn.join('', [...settingsHeaderParts(props), Fn.base64decode(body)]));
}
