import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EnvironmentDeclaration, validateEnvironments } from '@greeter/environment-config';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { type GreeterArtifacts, readGreeterArtifacts } from '../src/artifacts';
import type { StackShape } from '../src/compute/stack-shape';
import { GreeterStack } from '../src/greeter-stack';

/** Stand-in artifacts with the given content, so a test controls their hashes. */
export function fakeArtifacts(content = 'v1'): GreeterArtifacts {
  const dir = mkdtempSync(join(tmpdir(), 'greeter-artifacts-'));
  mkdirSync(join(dir, 'server'));
  writeFileSync(join(dir, 'greeter-lambda.zip'), `lambda ${content}`);
  writeFileSync(join(dir, 'server/main.mjs'), `server ${content}`);
  return readGreeterArtifacts(dir);
}

export interface SynthesizedStack {
  json: any;
  /** Every resource of a type, by its logical id. */
  resources(type: string): Array<Record<string, any>>;
  resource(type: string): Record<string, any>;
}

/** Synthesizes one environment's stack (after validation, as `cdktf synth` does) and parses it. */
export function synthEnvironment(declaration: EnvironmentDeclaration, artifacts = fakeArtifacts(), shape?: StackShape): SynthesizedStack {
  const [environment] = validateEnvironments([declaration]);
  const app = Testing.app();
  const stack = new GreeterStack(app, { environment: environment!, artifacts, localStateDir: join(app.outdir, 'state'), shape });
  return parsed(Testing.synth(stack));
}

/** Synthesizes what `build` adds to a stack of its own (with an AWS provider): a construct's spec, over minimal props, without an environment. */
export function synthConstructs(build: (scope: Construct) => void): SynthesizedStack {
  return parsed(
    Testing.synthScope((scope) => {
      new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
      build(scope);
    }),
  );
}

function parsed(synthesized: string): SynthesizedStack {
  const json = JSON.parse(synthesized);
  const resources = (type: string) => Object.values(json.resource?.[type] ?? {}) as Array<Record<string, any>>;
  return {
    json,
    resources,
    resource(type) {
      const found = resources(type);
      if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
      return found[0]!;
    },
  };
}

/** Synthesizes every environment into a folder, as `cdktf synth` would, and returns the stack folders. */
export function synthAllToDisk(declarations: EnvironmentDeclaration[], artifacts: GreeterArtifacts): string {
  const outdir = mkdtempSync(join(tmpdir(), 'greeter-cdktf-out-'));
  const app = new App({ outdir });
  for (const environment of validateEnvironments(declarations)) new GreeterStack(app, { environment, artifacts, localStateDir: join(outdir, 'state') });
  app.synth();
  return join(outdir, 'stacks');
}
