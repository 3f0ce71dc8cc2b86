import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '../fixtures/aws-events');

/** A fresh copy of a real AWS event fixture (see test/fixtures/aws-events/SOURCES.md). */
export function loadAwsEvent<T = Record<string, any>>(file: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, file.endsWith('.json') ? file : `${file}.json`), 'utf8')) as T;
}

/** Fixture file names whose kind (the middle part of `<source>__<kind>__<name>.json`) is one of `kinds`. */
export function awsEventFiles(...kinds: string[]): string[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .filter((file) => kinds.includes(file.split('__')[1] ?? ''))
    .sort();
}

/** The fake Lambda context the handler needs: only the invocation id is read. */
export function lambdaContext(awsRequestId = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef') {
  return { awsRequestId, functionName: 'greeter', getRemainingTimeInMillis: () => 3000 };
}
