// Warm invokes in one process: sequential calls, yielding to the event loop between
// them (Fastify's inject queues a callback per call), every answer checked.
import { pathToFileURL } from 'node:url';
import { assertGreeting, greetAdaEvent } from './http-api-event.mjs';
import { quantile } from './stats.mjs';

const [artifact, countText] = process.argv.slice(2);
const count = Number(countText);
const { handler } = await import(pathToFileURL(artifact).href);
const event = greetAdaEvent();
const context = { awsRequestId: 'warm' };
for (let i = 0; i < 200; i++) assertGreeting(await handler(structuredClone(event), context)); // warm-up, not timed

const durations = new Float64Array(count);
for (let i = 0; i < count; i++) {
  const copy = structuredClone(event);
  const started = performance.now();
  const result = await handler(copy, context);
  durations[i] = performance.now() - started;
  assertGreeting(result);
  await new Promise((resolve) => setImmediate(resolve));
}
durations.sort();
const mean = durations.reduce((a, b) => a + b, 0) / count;
process.stdout.write(`\n${JSON.stringify({ meanMs: mean, p99Ms: quantile(durations, 0.99), peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
process.exit(0);
