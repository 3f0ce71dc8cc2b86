// `npx tsx infra/pipeline/plan-summary.ts greeter-<env>`: plans a synthesized stack
// (cdktf.out/stacks/greeter-<env>) without taking the state lock (the pull request's
// role may only read) and prints a Markdown summary for a pull request comment.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { summarizePlan } from './plan';

const stack = process.argv[2];
if (!stack) {
  process.stderr.write('usage: plan-summary.ts greeter-<env>   (after `npx nx run infra:synth`)\n');
  process.exit(2);
}
const dir = join(resolve(__dirname, '../../cdktf.out/stacks'), stack);
const terraform = (args: string[]) => execFileSync('terraform', [`-chdir=${dir}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
try {
  terraform(['init', '-input=false', '-no-color']);
  terraform(['plan', '-input=false', '-no-color', '-lock=false', '-out=pr.tfplan']);
  process.stdout.write(summarizePlan(JSON.parse(terraform(['show', '-json', 'pr.tfplan']))));
} catch (error) {
  process.stderr.write(`plan-summary: terraform failed for ${stack}: ${(error as Error).message.split('\n')[0]}\n`);
  process.exit(1);
}
