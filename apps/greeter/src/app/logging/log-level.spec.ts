import { parseLogLevel, readLogLevel } from './log-level';

describe('parseLogLevel', () => {
  it.each([
    [undefined, 'info'],
    ['', 'info'],
    ['debug', 'debug'],
    ['WARN', 'warn'],
    [' error ', 'error'],
    ['silent', 'silent'],
  ])('reads %p as %p', (raw, level) => {
    expect(parseLogLevel(raw)).toBe(level);
  });

  it('names the variable and the levels it takes for anything else', () => {
    expect(parseLogLevel('trace')).toEqual({ problem: 'LOG_LEVEL must be one of debug, info, warn, error, fatal, silent (got "trace")' });
  });
});

describe('readLogLevel', () => {
  it("fails the Lambda's start with the problem", () => {
    expect(() => readLogLevel({ LOG_LEVEL: 'loud' })).toThrow(
      'Invalid configuration: LOG_LEVEL must be one of debug, info, warn, error, fatal, silent (got "loud")',
    );
  });
});
