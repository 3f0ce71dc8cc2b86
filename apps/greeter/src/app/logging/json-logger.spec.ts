import type { LogLevelName } from './log-level';
import { JsonLogger } from './json-logger';

function loggerAt(level: LogLevelName): { logger: JsonLogger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return { logger: new JsonLogger(level, { write: (line) => void lines.push(JSON.parse(line)) }), lines };
}

function writeOneOfEach(logger: JsonLogger): void {
  logger.log('Mapped {/greet, GET} route', 'RouterExplorer');
  logger.request('GET', '/greet', 200, 0.1, 'r-1');
  logger.info('listening');
  logger.refusedEvent('Unsupported event', 'r-2');
  logger.failure(new TypeError('boom'), { requestId: 'r-3', context: 'ErrorResponse' });
}

describe('JsonLogger', () => {
  it.each<[LogLevelName, string[]]>([
    ['debug', ['debug', 'info', 'info', 'warn', 'error']],
    ['info', ['info', 'info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
    ['silent', []],
  ])('at LOG_LEVEL=%s writes the lines of levels %p', (threshold, levels) => {
    const { logger, lines } = loggerAt(threshold);

    writeOneOfEach(logger);

    expect(lines.map((line) => line['level'])).toEqual(levels);
  });

  it('writes a failure with its stack, context and request id', () => {
    const { logger, lines } = loggerAt('info');

    logger.failure(new TypeError('boom'), { requestId: 'r-3', context: 'ErrorResponse' });

    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', msg: 'boom', requestId: 'r-3', context: 'ErrorResponse', stack: expect.stringContaining('TypeError: boom') }),
    ]);
  });

  it('adds the X-Ray trace id to every line while one is set, and none after', () => {
    const { logger, lines } = loggerAt('info');

    logger.setTraceId('1-5759e988-bd862e3fe1be46a994272793');
    logger.request('GET', '/greet', 200, 0.1, 'r-1');
    logger.failure(new Error('boom'), { requestId: 'r-1', context: 'LambdaHandler' });
    logger.setTraceId(undefined);
    logger.request('GET', '/greet', 200, 0.1, 'r-2');

    expect(lines.map((line) => line['xrayTraceId'])).toEqual(['1-5759e988-bd862e3fe1be46a994272793', '1-5759e988-bd862e3fe1be46a994272793', undefined]);
  });
});
