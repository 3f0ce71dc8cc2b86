import { isTextualContentType } from './http-encoding';

describe('isTextualContentType', () => {
  it.each([
    'text/plain',
    'text/html; charset=utf-8',
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON',
    ' application/json ',
    'application/problem+json',
    'application/vnd.api+json; charset=utf-8',
    'application/xml',
    'application/atom+xml',
    'application/javascript',
    'application/x-www-form-urlencoded',
  ])('treats %p as text', (contentType) => {
    expect(isTextualContentType(contentType)).toBe(true);
  });

  it.each([
    '',
    'application/octet-stream',
    'image/png',
    'application/jsonx',
    'application/pdf',
    'application/json5',
    'multipart/form-data; boundary=x',
    'texts/plain',
  ])('treats %p as binary', (contentType) => {
    expect(isTextualContentType(contentType)).toBe(false);
  });
});
