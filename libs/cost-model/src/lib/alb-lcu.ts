/** What one hour of load asks of an ALB, in the four dimensions AWS bills LCUs by. */
export interface AlbLoad {
  newConnectionsPerSecond: number;
  /** Connections open at once, averaged over the minute. */
  activeConnections: number;
  processedGbPerHour: number;
  ruleEvaluationsPerSecond: number;
}

/** One LCU buys, per hour: 25 new connections a second, 3,000 active connections, 1 GB processed (EC2 targets), 1,000 rule evaluations a second. */
export const LCU_CAPACITY = { newConnectionsPerSecond: 25, activeConnections: 3000, processedGbPerHour: 1, ruleEvaluationsPerSecond: 1000 } as const;

export interface LcuUsage {
  byDimension: AlbLoad;
  /** The hour is billed at its highest dimension. */
  lcus: number;
}

export function albLcus(load: AlbLoad): LcuUsage {
  const byDimension: AlbLoad = {
    newConnectionsPerSecond: load.newConnectionsPerSecond / LCU_CAPACITY.newConnectionsPerSecond,
    activeConnections: load.activeConnections / LCU_CAPACITY.activeConnections,
    processedGbPerHour: load.processedGbPerHour / LCU_CAPACITY.processedGbPerHour,
    ruleEvaluationsPerSecond: load.ruleEvaluationsPerSecond / LCU_CAPACITY.ruleEvaluationsPerSecond,
  };
  return { byDimension, lcus: Math.max(...Object.values(byDimension)) };
}

/** Rule evaluations a second: the first 10 rules of each request are free. */
export function ruleEvaluationsPerSecond(requestsPerSecond: number, rulesEvaluated: number): number {
  return requestsPerSecond * Math.max(0, rulesEvaluated - 10);
}
