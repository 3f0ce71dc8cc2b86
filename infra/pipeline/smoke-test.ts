// `npx tsx infra/pipeline/smoke-test.ts <url>`: after a deploy, checks the seed's
// contract on the environment's public URL, retrying while it comes up (DNS,
// instances booting), and fails with what it last saw.
import { SmokeTestFailed, smokeTest } from './smoke';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: smoke-test.ts <url>   (the stack output "url", e.g. https://api.example.com/)\n');
  process.exit(2);
}
smokeTest(url, {
  fetch,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  print: (line) => process.stdout.write(`smoke test: ${line}\n`),
}).catch((error: unknown) => {
  process.stderr.write(`smoke test: ${error instanceof SmokeTestFailed ? error.message : String(error)}\n`);
  process.exit(1);
});
