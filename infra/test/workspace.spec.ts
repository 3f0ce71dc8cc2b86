import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The workspace's own wiring, which CI relies on: `nx affected` and the cache are only
// as good as the project graph and the inputs each target declares.
const ROOT = join(__dirname, '../..');
const nx = (args: string[]) =>
  execFileSync(join(ROOT, 'node_modules/.bin/nx'), args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });
/** A project's resolved configuration, asked of Nx once per project and file (each call starts Nx). */
const shown = new Map<string, any>();
const showProject = (name: string) => {
  if (!shown.has(name)) shown.set(name, JSON.parse(nx(['show', 'project', name, '--json'])));
  return shown.get(name);
};
const PROJECTS = ['cost-model', 'environment-config', 'greeter', 'infra', 'lambda-events'];
const SHARED_CONFIG = ['jest.preset.cjs', 'jest.global-setup.cjs', 'jest.global-teardown.cjs', 'tsconfig.base.json', 'eslint.config.mjs', 'package-lock.json'];

describe('the Nx workspace', () => {
  it('names one Node major everywhere: .nvmrc, engines, the Lambda runtime, the EC2 install script, the bundles’ target', async () => {
    const major = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();
    const { LAMBDA_RUNTIME } = await import('../src/greeter-stack');
    const named = {
      engines: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node,
      lambda: LAMBDA_RUNTIME,
      ec2: /dnf install -y (nodejs\d+)/.exec(readFileSync(join(ROOT, 'infra/src/ec2/install-greeter.sh'), 'utf8'))?.[1],
      appBundle: /target: '(node\d+)'/.exec(readFileSync(join(ROOT, 'apps/greeter/scripts/bundle-options.mjs'), 'utf8'))?.[1],
      hookBundle: /target: '(node\d+)'/.exec(readFileSync(join(ROOT, 'infra/src/deploy-hook-bundle.ts'), 'utf8'))?.[1],
    };

    expect(named).toEqual({ engines: `>=${major}`, lambda: `nodejs${major}.x`, ec2: `nodejs${major}`, appBundle: `node${major}`, hookBundle: `node${major}` });
  });

  it('draws the project graph from the code, with one explicit edge: infra deploys the app’s built artifacts', () => {
    const graph = JSON.parse(nx(['graph', '--file=stdout'])).graph;
    const edges = Object.entries<Array<{ target: string; type: string }>>(graph.dependencies)
      .flatMap(([from, deps]) => deps.map((d) => `${from} -> ${d.target} (${d.type})`))
      .sort();

    expect(edges).toEqual([
      'cost-model -> environment-config (static)',
      'greeter -> lambda-events (static)',
      'infra -> cost-model (static)',
      'infra -> environment-config (static)',
      'infra -> greeter (implicit)',
    ]);
  });

  it('hashes every project the greeter is built from into its build manifest (a stale build of a new lib would pass unseen)', async () => {
    const { SOURCE_FOLDERS } = await import(join(ROOT, 'apps/greeter/scripts/build-manifest.mjs'));
    const graph = JSON.parse(nx(['graph', '--file=stdout'])).graph;
    const builtFrom = ['greeter', ...graph.dependencies.greeter.map((d: { target: string }) => d.target)];

    expect(builtFrom.map((name: string) => graph.nodes[name].data.sourceRoot).filter((root: string) => !SOURCE_FOLDERS.includes(root))).toEqual([]);
  });

  it.each(SHARED_CONFIG)('counts a change to the shared %s as affecting every project', (file) => {
    expect(
      nx(['show', 'projects', '--affected', `--files=${file}`])
        .trim()
        .split('\n')
        .sort(),
    ).toEqual(PROJECTS);
  });

  it('makes every shared config file an input of every project’s cached targets (so no stale result is replayed)', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'nx.json'), 'utf8'));
    const shared: string[] = config.namedInputs.sharedGlobals;
    expect(shared).toEqual(expect.arrayContaining(SHARED_CONFIG.map((file) => `{workspaceRoot}/${file}`)));
    // `default` includes sharedGlobals, and `production` includes `default`.
    expect(config.namedInputs.default).toContain('sharedGlobals');
    expect(config.namedInputs.production).toContain('default');

    for (const project of PROJECTS) {
      const { targets } = showProject(project);
      for (const [name, target] of Object.entries<any>(targets)) {
        if (!target.cache) continue;
        const inputs = (target.inputs ?? ['default']).filter((input: unknown) => typeof input === 'string');
        expect([project, name, inputs.some((input: string) => ['default', 'production', 'sharedGlobals'].includes(input))]).toEqual([project, name, true]);
      }
    }
  });

  it('gives each test run a temporary folder of its own and removes it after the run, so what tests write under os.tmpdir() does not pile up', async () => {
    const thisRun = process.env['GREETER_JEST_TMPDIR'];
    expect(thisRun).toMatch(/greeter-jest-/);
    expect(tmpdir()).toBe(thisRun);

    // The two hooks once more, around a pretend run inside this one (Jest gives a test its own
    // process.env, which os.tmpdir() does not read: the pretend run's TMPDIR is read from it).
    const saved = { ...process.env };
    try {
      await require(join(ROOT, 'jest.global-setup.cjs'))();
      const pretendRun = process.env['GREETER_JEST_TMPDIR']!;
      writeFileSync(join(pretendRun, 'left-by-a-test'), '');
      const during = { exists: existsSync(pretendRun), TMPDIR: process.env['TMPDIR'] };
      await require(join(ROOT, 'jest.global-teardown.cjs'))();

      expect(during).toEqual({ exists: true, TMPDIR: pretendRun });
      expect(existsSync(pretendRun)).toBe(false);
      expect(process.env['TMPDIR']).toBe(thisRun);
    } finally {
      process.env = saved;
    }
  });

  it('reruns infra’s tests when the workflows, the README or docs/ change: its specs read them', () => {
    const { targets } = showProject('infra');

    expect(targets.test.inputs).toEqual(
      expect.arrayContaining([
        'default',
        '^production',
        '{workspaceRoot}/.github/workflows/*.yml',
        '{workspaceRoot}/README.md',
        '{workspaceRoot}/docs/**/*.md',
      ]),
    );
  });

  it('lints the root test/ folder (the greeter’s end-to-end tests) with the greeter', () => {
    const { targets } = showProject('greeter');

    expect(targets.lint.options.command).toBe('eslint . ../../test');
    expect(targets.lint.inputs).toContain('{workspaceRoot}/test/**/*');
  });
});
