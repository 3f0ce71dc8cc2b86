export { albLcus, LCU_CAPACITY, ruleEvaluationsPerSecond, type AlbLoad, type LcuUsage } from './lib/alb-lcu';
export { ASSUMPTIONS } from './lib/assumptions';
export { compareComputes, costsAt, findBreakEven, PRICE_TABLE_MAX_AGE_DAYS, stalePricesWarning, trafficAtVolume, WARN_RATIO, type BreakEven, type CompareOptions, type CostComparison } from './lib/compare';
export { renderCostChart } from './lib/cost-chart-svg';
export { computeName, formatUsd, formatVolume } from './lib/format';
export { EC2_ALARMS, ec2MonthlyCost, fleetAt, instancesNeeded, requestsPerInstanceAtTarget, WAF_RULES } from './lib/ec2-cost';
export { lambdaAlarmCount, lambdaMonthlyCost } from './lib/lambda-cost';
export { type ComputeCost, type LineItem } from './lib/line-items';
export { MissingPriceError, PRICE_SOURCES, PRICES, pricesFor, type RegionPrices } from './lib/prices';
