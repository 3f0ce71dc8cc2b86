import { readServerConfig, SERVER_CONFIG_DEFAULTS, ServerConfigError } from './server-config';

describe('readServerConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect(readServerConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      shutdownDrainMs: 0,
      shutdownTimeoutMs: 10_000,
      keepAliveTimeoutMs: 65_000,
      logLevel: 'info',
    });
    expect(SERVER_CONFIG_DEFAULTS.port).toBe(3000);
  });

  it('reads every variable', () => {
    expect(
      readServerConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        SHUTDOWN_DRAIN_MS: '35000',
        SHUTDOWN_TIMEOUT_MS: '2500',
        KEEP_ALIVE_TIMEOUT_MS: '75000',
        LOG_LEVEL: 'WARN',
      }),
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      shutdownDrainMs: 35_000,
      shutdownTimeoutMs: 2500,
      keepAliveTimeoutMs: 75_000,
      logLevel: 'warn',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535 (got "abc")'],
    [{ PORT: '65536' }, 'PORT must be a whole number from 0 to 65535 (got "65536")'],
    [{ PORT: '3.5' }, 'PORT must be a whole number'],
    [{ HOST: 'my host' }, 'HOST must be an IP address or host name'],
    [{ SHUTDOWN_TIMEOUT_MS: '0' }, 'SHUTDOWN_TIMEOUT_MS must be a whole number from 1 to 600000'],
    [{ SHUTDOWN_DRAIN_MS: '30s' }, 'SHUTDOWN_DRAIN_MS must be a whole number from 0 to 600000 (got "30s")'],
    [{ SHUTDOWN_DRAIN_MS: '600001' }, 'SHUTDOWN_DRAIN_MS must be a whole number from 0 to 600000'],
    [{ KEEP_ALIVE_TIMEOUT_MS: '500' }, 'KEEP_ALIVE_TIMEOUT_MS must be a whole number from 1000 to 3600000 (got "500")'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of debug, info, warn, error, fatal, silent (got "verbose")'],
  ])('refuses %p, naming the variable', (env, message) => {
    expect(() => readServerConfig(env)).toThrow(ServerConfigError);
    expect(() => readServerConfig(env)).toThrow(message);
  });

  it('reports every bad variable at once', () => {
    try {
      readServerConfig({ PORT: 'x', HOST: '!', SHUTDOWN_TIMEOUT_MS: 'y', LOG_LEVEL: 'loud' });
      throw new Error('expected a ServerConfigError');
    } catch (error) {
      expect((error as ServerConfigError).problems).toHaveLength(4);
    }
  });
});
