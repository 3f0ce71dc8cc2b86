import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// A smoke test of the pipeline ablation at its smallest settings: every variant still builds (each cut
// finds its piece in the app's setup), answers the contract under load, and gets its row. Times are
// not asserted.
describe('the pipeline ablation bench', () => {
  it('builds the server without each piece, loads each beside the floor, and prints a row for each and the control', () => {
    const args = ['--windows', '1', '--window-seconds', '0.3', '--warmup-seconds', '0.1'];

    const run = spawnSync(process.execPath, [join(__dirname, '../../apps/greeter/bench/pipeline-ablation.mjs'), ...args], {
      encoding: 'utf8',
      timeout: 120_000,
    });

    expect(run.stderr).not.toMatch(/no longer where this bench cuts it out/);
    expect(run.status).toBe(0);
    const rows = run.stdout.split('\n').filter((line) => /^\| .* \| \d+\.\d\d× \| \d+\.\d\d–\d+\.\d\d \|$/.test(line));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual([
      '| the greeter as shipped',
      '| without the access log',
      '| without the onRequest hook',
      '| without both',
      '| control: the floor against itself',
    ]);
  }, 150_000);
});
