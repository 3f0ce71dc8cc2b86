import { z } from 'zod';
import { section, show } from './rules';

/** AWS bills by the month as 730 hours. */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** A traffic figure: a finite number, 0 or more, in `unit`; a missing one is named as missing. */
function figure(unit: string, description: string) {
  const rule = `a number of ${unit}, 0 or more`;
  const error = {
    error: (issue: { input?: unknown }) => (issue.input === undefined ? `is missing: give ${rule}` : `must be ${rule} (got ${show(issue.input)})`),
  };
  return z.number(error).min(0, error).meta({ rule, description });
}

/** Expected traffic, for the cost advisor: exactly one of averageRps and requestsPerMonth (cross-field-rules.ts). */
export const trafficSettings = section({
  averageRps: figure('requests per second', 'The average request rate over a month (or give requestsPerMonth)').optional(),
  requestsPerMonth: figure('requests per month', 'Requests in a month (or give averageRps)').optional(),
  peakRps: figure('requests per second', 'The busiest rate the fleet must take'),
  averageDurationMs: figure('milliseconds', 'How long the app works on a request, on average'),
  averageResponseBytes: figure('bytes', 'Bytes sent back per request, headers included'),
});

export type TrafficDeclaration = z.input<typeof trafficSettings>;

/** Traffic with the monthly volume worked out. */
export interface Traffic {
  requestsPerMonth: number;
  averageRps: number;
  peakRps: number;
  averageDurationMs: number;
  averageResponseBytes: number;
}

/** Works out the monthly volume from the average rate, or the other way round. Call only on validated traffic. */
export function resolveTraffic(declared: TrafficDeclaration): Traffic {
  const requestsPerMonth = declared.requestsPerMonth ?? (declared.averageRps ?? 0) * SECONDS_PER_MONTH;
  return {
    requestsPerMonth,
    averageRps: declared.averageRps ?? requestsPerMonth / SECONDS_PER_MONTH,
    peakRps: declared.peakRps,
    averageDurationMs: declared.averageDurationMs,
    averageResponseBytes: declared.averageResponseBytes,
  };
}
