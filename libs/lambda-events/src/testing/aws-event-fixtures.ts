import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Real AWS events, copied with their sources (test/fixtures/aws-events/SOURCES.md). Tests only. */
const FIXTURES = join(__dirname, '../../../../test/fixtures/aws-events');

/** A fresh copy of a real AWS event fixture. */
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
