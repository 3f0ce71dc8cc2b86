import type { Environment, Traffic } from '@greeter/environment-config';
import { type CostComparison, costsAt, trafficAtVolume, VOLUME_RANGE } from './compare';
import { formatVolume } from './format';

const WIDTH = 760;
const HEIGHT = 400;
const MARGIN = { left: 92, right: 24, top: 48, bottom: 56 };
const COLORS = { lambda: '#d9480f', ec2: '#1864ab', grid: '#dee2e6', text: '#212529', mark: '#495057' };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Monthly cost of both computes against requests per month (log axis), with
 * the break-even and the environment's declared traffic marked.
 */
export function renderCostChart(environment: Environment, traffic: Traffic, comparison: CostComparison): string {
  const [low, high] = VOLUME_RANGE.map(Math.log10) as [number, number];
  const samples = Array.from({ length: 71 }, (_, i) => {
    const volume = 10 ** (low + ((high - low) * i) / 70);
    const { lambda, ec2 } = costsAt(environment, trafficAtVolume(traffic, volume), comparison.options);
    return { volume, lambda: lambda.totalUsd, ec2: ec2.totalUsd };
  });
  // Both axes are logarithmic: costs span five orders of magnitude over this range.
  const [yLow, yHigh] = costAxis(samples.flatMap((s) => [s.lambda, s.ec2]));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (volume: number) => MARGIN.left + ((Math.log10(volume) - low) / (high - low)) * plotWidth;
  const y = (usd: number) => MARGIN.top + plotHeight - ((Math.log10(Math.max(usd, 10 ** yLow)) - yLow) / (yHigh - yLow)) * plotHeight;
  const path = (key: 'lambda' | 'ec2') => samples.map((s, i) => `${i === 0 ? 'M' : 'L'}${x(s.volume).toFixed(1)},${y(s[key]).toFixed(1)}`).join(' ');

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  parts.push(
    `<text x="${MARGIN.left}" y="24" font-size="15" font-weight="600" fill="${COLORS.text}">${escape(`greeter-${environment.name} (${environment.region}): monthly cost by traffic`)}</text>`,
  );
  for (let exponent = Math.ceil(low); exponent <= high; exponent++) {
    const gx = x(10 ** exponent).toFixed(1);
    parts.push(`<line x1="${gx}" y1="${MARGIN.top}" x2="${gx}" y2="${MARGIN.top + plotHeight}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${gx}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle" fill="${COLORS.text}">10${superscript(exponent)}</text>`);
  }
  for (let exponent = yLow; exponent <= yHigh; exponent++) {
    const value = 10 ** exponent;
    const gy = y(value).toFixed(1);
    parts.push(`<line x1="${MARGIN.left}" y1="${gy}" x2="${MARGIN.left + plotWidth}" y2="${gy}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${gy}" dy="4" text-anchor="end" fill="${COLORS.text}">${usdTick(value)}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 12}" text-anchor="middle" fill="${COLORS.text}">requests per month (log scale)</text>`);
  parts.push(
    `<text transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle" fill="${COLORS.text}">USD per month (log scale)</text>`,
  );
  parts.push(`<path d="${path('ec2')}" fill="none" stroke="${COLORS.ec2}" stroke-width="2.5"/>`);
  parts.push(`<path d="${path('lambda')}" fill="none" stroke="${COLORS.lambda}" stroke-width="2.5"/>`);
  if (comparison.breakEven) {
    const bx = x(comparison.breakEven.requestsPerMonth).toFixed(1);
    parts.push(
      `<line id="break-even" x1="${bx}" y1="${MARGIN.top}" x2="${bx}" y2="${MARGIN.top + plotHeight}" stroke="${COLORS.mark}" stroke-dasharray="6 4"/>`,
    );
    parts.push(
      `<text x="${bx}" y="${MARGIN.top - 6}" text-anchor="middle" fill="${COLORS.mark}">break-even ≈ ${escape(formatVolume(comparison.breakEven.requestsPerMonth))}/month</text>`,
    );
  }
  const dx = x(Math.min(Math.max(traffic.requestsPerMonth, 10 ** low), 10 ** high));
  const declaredCost = comparison.chosen === 'lambda' ? comparison.lambda.totalUsd : comparison.ec2.totalUsd;
  parts.push(
    `<circle id="declared-traffic" cx="${dx.toFixed(1)}" cy="${y(declaredCost).toFixed(1)}" r="6" fill="none" stroke="${COLORS.text}" stroke-width="2"/>`,
  );
  // The label goes at the foot of the plot, joined to the mark by a dotted line, with a white halo:
  // it never sits on (or under) the cost lines, which cross the mark itself.
  const labelOnLeft = dx > MARGIN.left + plotWidth * 0.6;
  const labelY = MARGIN.top + plotHeight - 8;
  parts.push(
    `<line x1="${dx.toFixed(1)}" y1="${(y(declaredCost) + 6).toFixed(1)}" x2="${dx.toFixed(1)}" y2="${(labelY + 4).toFixed(1)}" stroke="${COLORS.text}" stroke-dasharray="2 3"/>`,
  );
  parts.push(
    `<text id="declared-label" x="${(labelOnLeft ? dx - 6 : dx + 6).toFixed(1)}" y="${labelY.toFixed(1)}" text-anchor="${labelOnLeft ? 'end' : 'start'}" fill="${COLORS.text}" stroke="#ffffff" stroke-width="4" paint-order="stroke">declared: ${escape(formatVolume(traffic.requestsPerMonth))}/month on ${comparison.chosen}</text>`,
  );
  const legendY = MARGIN.top + 16;
  parts.push(
    `<rect x="${MARGIN.left + 12}" y="${legendY - 10}" width="14" height="4" fill="${COLORS.lambda}"/><text x="${MARGIN.left + 32}" y="${legendY - 4}" fill="${COLORS.text}">Lambda + HTTP API</text>`,
  );
  parts.push(
    `<rect x="${MARGIN.left + 12}" y="${legendY + 8}" width="14" height="4" fill="${COLORS.ec2}"/><text x="${MARGIN.left + 32}" y="${legendY + 14}" fill="${COLORS.text}">EC2 + ALB</text>`,
  );
  parts.push(
    `<text x="${WIDTH - MARGIN.right}" y="${HEIGHT - 12}" text-anchor="end" fill="${COLORS.mark}" font-size="10">prices as of ${comparison.pricesAsOf}</text>`,
  );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/**
 * The cost axis's decades, as powers of ten: from the smallest cost drawn,
 * cents included (a line under $1 is drawn where it is, not flattened onto a
 * $1 floor), to the largest.
 */
export function costAxis(costs: number[]): [number, number] {
  const positive = costs.filter((c) => c > 0);
  return [Math.floor(Math.log10(Math.min(...positive))), Math.ceil(Math.log10(Math.max(...positive)))];
}

/** An axis tick in dollars: $0.01, $0.1, $1, $1,000. */
export function usdTick(value: number): string {
  return `$${value.toLocaleString('en-US', { maximumFractionDigits: value < 1 ? 2 : 0 })}`;
}

function superscript(exponent: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(exponent)
    .split('')
    .map((d) => digits[Number(d)])
    .join('');
}
