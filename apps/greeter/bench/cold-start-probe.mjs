// One cold start, in a fresh process: import the handler, answer one HTTP API event, report, exit.
import { pathToFileURL } from 'node:url';
import { assertGreeting, greetAdaEvent } from './http-api-event.mjs';

const event = greetAdaEvent();
const started = performance.now();
const { handler } = await import(pathToFileURL(process.argv[2]).href);
const imported = performance.now();
const result = await handler(event, { awsRequestId: 'cold-start' });
const answered = performance.now();
assertGreeting(result);
process.stdout.write(`\n${JSON.stringify({ importMs: imported - started, firstInvokeMs: answered - imported })}\n`);
process.exit(0);
