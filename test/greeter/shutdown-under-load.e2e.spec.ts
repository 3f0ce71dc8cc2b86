import { type ServerArtifact, startServerArtifact } from '../support/built-artifacts';
import { runBalancedKeepAliveLoad } from '../support/balanced-keep-alive-load';

const CONNECTIONS = 50;
const HEALTH_CHECK_EVERY_MS = 50;
// Twenty health-check intervals: the "balancer" sees the 503 before the listener closes, even on a busy machine.
const DRAIN_MS = 1_000;
const RUNS = [1, 2, 3];

describe('SIGTERM under sustained keep-alive load, behind a health-checking balancer', () => {
  let server: ServerArtifact | undefined;
  afterEach(async () => {
    // Bounded: stop() sends SIGTERM, then SIGKILL after 5 s.
    await server?.stop();
    server = undefined;
  });

  it.each(RUNS)(
    `leaves no request unanswered over ${CONNECTIONS} connections and exits 0 (run %i)`,
    async () => {
      server = await startServerArtifact({ SHUTDOWN_DRAIN_MS: String(DRAIN_MS), SHUTDOWN_TIMEOUT_MS: '5000' });
      const load = runBalancedKeepAliveLoad({ port: server.port, connections: CONNECTIONS, healthCheckEveryMs: HEALTH_CHECK_EVERY_MS, maxDurationMs: 8_000 });
      await new Promise((r) => setTimeout(r, 300));
      const answeredBeforeSignal = load.report.answered;

      server.process.kill('SIGTERM');
      const [exitCode, report] = await Promise.all([server.exited, load.finished]);

      expect(report.unanswered).toEqual({});
      expect(report.wrongAnswers).toEqual([]);
      expect(exitCode).toBe(0);
      expect(answeredBeforeSignal).toBeGreaterThan(CONNECTIONS);
      expect(report.socketsUsed).toBeGreaterThanOrEqual(CONNECTIONS);
      // After the signal the server closed connections only after an answer that said so.
      expect(report.answeredWithClose).toBeGreaterThan(0);
      expect(report.refused).toBe(0);
    },
    15_000,
  );
});
