import { Agent, request } from 'node:http';

export interface LoadReport {
  /** Requests answered 200 with the greeting. */
  answered: number;
  /** Of those, answers that said `Connection: close`. */
  answeredWithClose: number;
  /** Requests sent that got no answer (reset, hang-up, timeout), by error code: must stay empty. */
  unanswered: Record<string, number>;
  /** Requests whose connection was refused: never sent, so safe to send elsewhere. */
  refused: number;
  /** Answers other than the greeting. */
  wrongAnswers: string[];
  /** Distinct client sockets that carried requests. */
  socketsUsed: number;
}

export interface LoadOptions {
  port: number;
  /** Concurrent keep-alive connections, each sending its next request as soon as the last is answered. */
  connections: number;
  /** How often the "load balancer" checks /health; it stops sending at the first 503 or refused check, as an ALB takes a target out. */
  healthCheckEveryMs: number;
  /** A bound on the whole run, whatever happens. */
  maxDurationMs: number;
}

/**
 * Keep-alive load as an ALB sends it: `connections` pooled connections send
 * GET /greet back to back until a health check of the target fails, then no
 * more. Every request is bounded in time, and so is the run.
 */
export function runBalancedKeepAliveLoad(options: LoadOptions): { report: LoadReport; finished: Promise<LoadReport> } {
  const { port, connections, healthCheckEveryMs, maxDurationMs } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const report: LoadReport = { answered: 0, answeredWithClose: 0, unanswered: {}, refused: 0, wrongAnswers: [], socketsUsed: 0 };
  const sockets = new Set<number>();
  let stopped = false;
  const stopAt = setTimeout(() => (stopped = true), maxDurationMs);

  const send = (path: string, via: Agent | false): Promise<{ status: number; body: string; close: boolean; localPort?: number }> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent: via, timeout: 3_000 }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, close: res.headers.connection === 'close', localPort: res.socket?.localPort }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('no answer within 3 s'), { code: 'TIMEOUT' })));
      req.on('error', reject);
      req.end();
    });

  const healthChecks = (async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, healthCheckEveryMs));
      const healthy = await send('/health', false).then(
        (answer) => answer.status === 200,
        () => false,
      );
      if (!healthy) stopped = true;
    }
  })();

  const client = async (): Promise<void> => {
    while (!stopped) {
      try {
        const answer = await send('/greet?name=Ada', agent);
        if (answer.status === 200 && answer.body === '{"message":"Hello, Ada!"}') report.answered++;
        else report.wrongAnswers.push(`${answer.status} ${answer.body}`);
        if (answer.close) report.answeredWithClose++;
        if (answer.localPort !== undefined) sockets.add(answer.localPort);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        if (code === 'ECONNREFUSED') report.refused++;
        else report.unanswered[code] = (report.unanswered[code] ?? 0) + 1;
        // A refused or broken connection: pause as a balancer would before its next try.
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };

  const finished = Promise.all([healthChecks, ...Array.from({ length: connections }, client)]).then(() => {
    clearTimeout(stopAt);
    agent.destroy();
    report.socketsUsed = sockets.size;
    return report;
  });
  return { report, finished };
}
