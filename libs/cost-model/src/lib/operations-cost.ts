import { HOURS_PER_MONTH, SECONDS_PER_MONTH, type Traffic } from '@greeter/environment-config';
import { ASSUMPTIONS } from './assumptions';
import { line, type LineItem } from './line-items';
import type { RegionPrices } from './prices';

/** What every environment gets besides its compute: its golden-signal alarms and one dashboard (infra/src/operations). */
export function monitoringLines(alarms: number, prices: RegionPrices): LineItem[] {
  return [
    line(`CloudWatch alarms (${alarms})`, alarms, 'alarm-months', prices.cloudWatch.perAlarmMonth),
    line('CloudWatch dashboard', 1, 'dashboard-months', prices.cloudWatch.perDashboardMonth),
  ];
}

/** Responses sent to the internet: body and headers (the first 100 GB a month are free per account, not counted here). */
export function dataTransferOutLine(traffic: Traffic, prices: RegionPrices): LineItem {
  const gb = (traffic.requestsPerMonth * (traffic.averageResponseBytes + ASSUMPTIONS.responseHeaderBytes)) / 1e9;
  return line('Data transfer out to the internet', gb, 'GB', prices.dataTransferOutPerGb);
}

/** X-Ray traces recorded at the default sampling (the first request each second, then 5%), traffic taken as even over the month. */
export function xrayTracesLine(traffic: Traffic, prices: RegionPrices): LineItem {
  const { reservoirPerSecond, rate } = ASSUMPTIONS.xraySampling;
  const perSecond = Math.min(traffic.averageRps, reservoirPerSecond) + Math.max(0, traffic.averageRps - reservoirPerSecond) * rate;
  return line('X-Ray traces (default sampling)', (perSecond * SECONDS_PER_MONTH) / 1e6, 'million traces', prices.xrayPerMillionTraces);
}

/** One interface endpoint in each zone, and the data through it. */
export function interfaceEndpointLines(what: string, endpoints: number, zones: number, gbThrough: number, prices: RegionPrices): LineItem[] {
  return [
    line(
      `${what} interface endpoints (${endpoints} × ${zones} zones)`,
      endpoints * zones * HOURS_PER_MONTH,
      'endpoint-hours',
      prices.interfaceEndpointPerAzHour,
    ),
    ...(gbThrough > 0 ? [line(`${what} interface endpoint data`, gbThrough, 'GB', prices.interfaceEndpointPerGb)] : []),
  ];
}
