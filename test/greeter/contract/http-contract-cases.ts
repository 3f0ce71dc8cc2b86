import type { WireRequest } from '../../support/aws-event-builders';

export type TargetName = 'standalone server' | 'Lambda via HTTP API v2' | 'Lambda via REST API v1' | 'Lambda via ALB' | 'Lambda via ALB (multi-value)';

export interface ContractCase {
  name: string;
  request: WireRequest;
  expect: {
    status: number;
    /** The exact JSON body; an error body's `requestId` is checked against the header instead. */
    body: Record<string, unknown>;
  };
  /** Targets that cannot receive this request as written, and why (AWS changes it before Lambda sees it). */
  notFor?: Partial<Record<TargetName, string>>;
}

// Tested on its own in the server's end-to-end spec: a clear 400 JSON that says to percent-encode.
const RAW_BYTES_REFUSED_BY_NODE =
  "Node's HTTP parser refuses raw non-ASCII bytes in a query (RFC 3986 wants them percent-encoded) before the app sees the request";

const greeting = (name: string) => ({ message: `Hello, ${name}!` });
const badRequest = (message: string, field?: string) => ({ statusCode: 400, error: 'Bad Request', message, ...(field ? { field } : {}) });
const notFound = (method: string, path: string) => ({ statusCode: 404, error: 'Not Found', message: `No route for ${method} ${path}` });
const get = (url: string): WireRequest => ({ method: 'GET', url });

/**
 * The HTTP contract: every case runs against every target, so the API cannot
 * behave differently on the other compute.
 */
export const HTTP_CONTRACT: ContractCase[] = [
  { name: 'greets by name', request: get('/greet?name=Ada'), expect: { status: 200, body: greeting('Ada') } },
  { name: 'greets the world without a name', request: get('/greet'), expect: { status: 200, body: greeting('World') } },
  { name: 'greets the world for an empty name', request: get('/greet?name='), expect: { status: 200, body: greeting('World') } },
  { name: 'ignores other query parameters', request: get('/greet?utm_source=x&name=Ada'), expect: { status: 200, body: greeting('Ada') } },
  { name: 'reads a percent-encoded Latin name', request: get('/greet?name=Zo%C3%AB'), expect: { status: 200, body: greeting('Zoë') } },
  { name: 'reads a percent-encoded Chinese name', request: get('/greet?name=%E6%9D%8E%E9%9B%B7'), expect: { status: 200, body: greeting('李雷') } },
  {
    name: 'reads an unencoded Turkish name',
    request: get('/greet?name=Ölçü'),
    expect: { status: 200, body: greeting('Ölçü') },
    notFor: { 'standalone server': RAW_BYTES_REFUSED_BY_NODE },
  },
  {
    name: 'reads an unencoded Chinese name',
    request: get('/greet?name=李雷'),
    expect: { status: 200, body: greeting('李雷') },
    notFor: { 'standalone server': RAW_BYTES_REFUSED_BY_NODE },
  },
  { name: 'keeps a comma inside the name', request: get('/greet?name=Lovelace,%20Ada'), expect: { status: 200, body: greeting('Lovelace, Ada') } },
  { name: 'keeps an encoded ampersand inside the name', request: get('/greet?name=Tom%20%26%20Jerry'), expect: { status: 200, body: greeting('Tom & Jerry') } },
  { name: 'accepts a name of 100 characters', request: get(`/greet?name=${'a'.repeat(100)}`), expect: { status: 200, body: greeting('a'.repeat(100)) } },
  {
    name: 'counts characters, not bytes',
    request: get(`/greet?name=${encodeURIComponent('雷'.repeat(100))}`),
    expect: { status: 200, body: greeting('雷'.repeat(100)) },
  },
  {
    name: 'refuses a name over 100 characters',
    request: get(`/greet?name=${'a'.repeat(101)}`),
    expect: { status: 400, body: badRequest('name must be at most 100 characters', 'name') },
  },
  {
    name: 'refuses control characters',
    request: get('/greet?name=Ada%0AINFO%20forged'),
    expect: { status: 400, body: badRequest('name must not contain control characters', 'name') },
  },
  {
    name: 'refuses a NUL character',
    request: get('/greet?name=A%00da'),
    expect: { status: 400, body: badRequest('name must not contain control characters', 'name') },
  },
  {
    name: 'refuses a right-to-left override',
    request: get('/greet?name=Ada%E2%80%AEnimda'),
    expect: { status: 400, body: badRequest('name must not contain bidirectional override or isolate controls, or line or paragraph separators', 'name') },
  },
  {
    name: 'refuses a line separator',
    request: get('/greet?name=Ada%E2%80%A8INFO'),
    expect: { status: 400, body: badRequest('name must not contain bidirectional override or isolate controls, or line or paragraph separators', 'name') },
  },
  {
    name: 'greets an emoji joined with zero-width joiners',
    request: get(`/greet?name=${encodeURIComponent('Ada \u{1F469}\u200D\u{1F4BB}')}`),
    expect: { status: 200, body: greeting('Ada \u{1F469}\u200D\u{1F4BB}') },
  },
  {
    name: 'refuses a repeated name',
    request: get('/greet?name=Ada&name=Grace'),
    expect: { status: 400, body: badRequest('name must be given at most once', 'name') },
    notFor: { 'Lambda via ALB': 'with multi-value headers off, an ALB passes only the last value of a repeated parameter' },
  },
  {
    name: 'refuses malformed percent-encoding in the query',
    request: get('/greet?name=%E0%A4%A'),
    expect: { status: 400, body: badRequest('name has malformed percent-encoding', 'name') },
    notFor: { 'Lambda via REST API v1': 'REST APIs decode the query themselves; a malformed escape never reaches the function as sent' },
  },
  {
    name: 'refuses malformed percent-encoding in the path',
    request: get('/gr%ZZeet'),
    expect: { status: 400, body: badRequest('The URL path has malformed percent-encoding') },
    notFor: { 'Lambda via HTTP API v2': 'HTTP APIs decode the path themselves; a malformed escape never reaches the function as sent' },
  },
  { name: 'answers 404 for an unknown path', request: get('/nope'), expect: { status: 404, body: notFound('GET', '/nope') } },
  {
    name: 'answers 404 for an unsupported method',
    request: { method: 'DELETE', url: '/greet?name=Ada' },
    expect: { status: 404, body: notFound('DELETE', '/greet') },
  },
  { name: 'reports health', request: get('/health'), expect: { status: 200, body: { status: 'ok' } } },
];
