import { pricesFor } from './prices';
import { albLcus, ruleEvaluationsPerSecond } from './alb-lcu';

describe('albLcus against the Elastic Load Balancing pricing page', () => {
  // The page's ALB example: 1 new connection a second, each lasting 2 minutes,
  // 5 requests a second, 300 KB processed a second, 60 rules.
  const usage = albLcus({
    newConnectionsPerSecond: 1,
    activeConnections: 1 * 120,
    processedGbPerHour: (300 * 3600) / 1e6,
    ruleEvaluationsPerSecond: ruleEvaluationsPerSecond(5, 60),
  });

  it('works out each dimension: 0.04, 0.04, 1.08 and 0.25 LCU', () => {
    expect(usage.byDimension.newConnectionsPerSecond).toBeCloseTo(0.04, 10);
    expect(usage.byDimension.activeConnections).toBeCloseTo(0.04, 10);
    expect(usage.byDimension.processedGbPerHour).toBeCloseTo(1.08, 10);
    expect(usage.byDimension.ruleEvaluationsPerSecond).toBeCloseTo(0.25, 10);
  });

  it('bills the highest dimension: 1.08 LCU, $0.00864 an hour at us-east-1’s $0.008 per LCU-hour', () => {
    const perLcuHour = pricesFor('us-east-1').alb.perLcuHour;

    expect(usage.lcus).toBeCloseTo(1.08, 10);
    expect(perLcuHour).toBe(0.008);
    expect(usage.lcus * perLcuHour).toBeCloseTo(0.00864, 10);
  });

  it('counts only the rules past the first 10', () => {
    expect(ruleEvaluationsPerSecond(100, 10)).toBe(0);
    expect(ruleEvaluationsPerSecond(100, 11)).toBe(100);
  });
});
