// `npx tsx infra/pipeline/plan-summary.ts greeter-<env>`: plans a synthesized stack
// (cdktf.out/stacks/greeter-<env>) without taking the state lock (the pull request's
// role may only read) and prints a Markdown summary for a pull request comment.
import { join, resolve } from 'node:path';
import { terraform } from '../rehearsal/terraform-cli';
import { summarizePlan } from './plan';

const stack = process.argv[2];
if (!stack) {
  process.stderr.write('usage: plan-summary.ts greeter-<env>   (after `npx nx run infra:synth`)\n');
  process.exit(2);
}
const dir = join(resolve(__dirname, '../../cdktf.out/stacks'), stack);
try {
  terraform(dir, ['init', '-input=false', '-no-color'], process.env);
  terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false', '-out=pr.tfplan'], process.env);
  process.stdout.write(summarizePlan(JSON.parse(terraform(dir, ['show', '-json', 'pr.tfplan'], process.env))));
} catch (error) {
  process.stderr.write(`plan-summary: ${(error as Error).message}\n`);
  process.exit(1);
}
