import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAMBDA_ZIP, startServerArtifact } from '../support/built-artifacts';

const LAMBDA_BUNDLE = join(LAMBDA_ZIP, '../lambda/index.mjs');
const RESOLVE_STACK = join(__dirname, '../../apps/greeter/scripts/resolve-stack.mjs');

/** Where `text` first appears in a bundle, as V8 prints a position (1-based line and column). */
function positionOf(bundle: string, text: string): { line: number; column: number } {
  const at = bundle.indexOf(text);
  const before = bundle.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

describe('stack traces from the minified artifacts', () => {
  it("the server's name real classes: its identifiers are not renamed, so Nest's log lines say which class and module, not a mangled letter", async () => {
    const server = await startServerArtifact({ LOG_LEVEL: 'debug' });
    try {
      const nestLines = server.output.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['level'] === 'debug');

      // esbuild may prefix a class's name with "_" when it rewrites a class that refers to itself.
      expect(nestLines).toContainEqual(
        expect.objectContaining({ context: expect.stringMatching(/^_?InstanceLoader$/), msg: 'GreetModule dependencies initialized' }),
      );
      expect(nestLines).toContainEqual(expect.objectContaining({ context: expect.stringMatching(/^_?RoutesResolver$/), msg: 'GreetController {/greet}:' }));
    } finally {
      await server.stop();
    }
  });

  it("the Lambda's resolve to source files and lines through the map written beside the bundle, outside the zip", () => {
    const { line, column } = positionOf(readFileSync(LAMBDA_BUNDLE, 'utf8'), 'must be at most');
    const logged = `TypeError: boom\n    at r (file:///var/task/index.mjs:${line}:${column})\n    at async Promise.all (index 0)`;

    const resolved = spawnSync(process.execPath, [RESOLVE_STACK, `${LAMBDA_BUNDLE}.map`], { input: logged, encoding: 'utf8', timeout: 10_000 });

    expect(resolved.stderr).toBe('');
    expect(resolved.stdout).toMatch(/^ {4}at r \(apps\/greeter\/src\/app\/greet\/greet-query\.ts:\d+:\d+\)$/m);
    expect(resolved.stdout).toContain('at async Promise.all (index 0)');
  });
});
