import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StaleBuildError, verifyBuild, WORKSPACE_ROOT } from './artifacts';

const MANIFEST_FILE = 'build-manifest.json';

/** A workspace with the greeter's source layout and a dist folder built from it, as the build writes it. */
function builtWorkspace() {
  const root = mkdtempSync(join(tmpdir(), 'greeter-build-check-'));
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  write('apps/greeter/src/main.ts', 'export {};');
  write('apps/greeter/src/main.spec.ts', 'test');
  write('apps/greeter/scripts/build.mjs', '// build');
  write('libs/lambda-events/src/index.ts', 'export {};');
  write('package-lock.json', '{}');
  write('tsconfig.base.json', '{}');
  const dist = join(root, 'dist');
  write('dist/greeter-lambda.zip', 'zip v1');
  write('dist/server/main.mjs', 'server v1');
  // As the build writes it.
  execFileSync(process.execPath, [join(WORKSPACE_ROOT, 'apps/greeter/scripts/build-manifest.mjs'), 'write', dist, '--root', root]);
  return { root, dist, write };
}

describe('what a deploy accepts as the build', () => {
  let workspace: ReturnType<typeof builtWorkspace>;
  beforeEach(() => (workspace = builtWorkspace()));
  afterEach(() => rmSync(workspace.root, { recursive: true, force: true }));

  it('accepts the build of this checkout and returns its source hash', () => {
    expect(verifyBuild(workspace.dist, { workspaceRoot: workspace.root })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a build of other sources: a source file changed after the build', () => {
    workspace.write('libs/lambda-events/src/index.ts', 'export const changed = 1;');

    expect(() => verifyBuild(workspace.dist, { workspaceRoot: workspace.root })).toThrow(StaleBuildError);
    expect(() => verifyBuild(workspace.dist, { workspaceRoot: workspace.root })).toThrow(
      /was built from other sources than this checkout's .* rebuild with `npx nx run greeter:build`/,
    );
  });

  it('ignores test files: changing one needs no rebuild', () => {
    workspace.write('apps/greeter/src/main.spec.ts', 'another test');

    expect(() => verifyBuild(workspace.dist, { workspaceRoot: workspace.root })).not.toThrow();
  });

  it('refuses an artifact that is not the file the build wrote', () => {
    workspace.write('dist/server/main.mjs', 'server patched by hand');

    expect(() => verifyBuild(workspace.dist, { workspaceRoot: workspace.root })).toThrow(/server\/main\.mjs is not the file its build wrote/);
  });

  it('refuses a folder with no manifest, saying how to build one', () => {
    rmSync(join(workspace.dist, MANIFEST_FILE));

    expect(() => verifyBuild(workspace.dist, { workspaceRoot: workspace.root })).toThrow(/has no build-manifest\.json.*npx nx run greeter:build/);
  });

  it('deploys a published build only when it is the one the pipeline names', () => {
    const built = verifyBuild(workspace.dist, { workspaceRoot: workspace.root });

    expect(verifyBuild(workspace.dist, { expectedSourceHash: built })).toBe(built);
    expect(() => verifyBuild(workspace.dist, { expectedSourceHash: 'f'.repeat(64) })).toThrow(
      /not f{64} \(GREETER_ARTIFACT_SOURCE_HASH\): refusing to deploy it/,
    );
  });
});
