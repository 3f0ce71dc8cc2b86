import { resolveTraffic, validateEnvironments } from '@greeter/environment-config';
import { compareComputes } from './compare';
import { costAxis, renderCostChart, usdTick } from './cost-chart-svg';

const [tiny] = validateEnvironments([{ name: 'tiny', region: 'us-east-1', compute: 'lambda' }]);
const traffic = resolveTraffic({ requestsPerMonth: 50_000, peakRps: 1, averageDurationMs: 10, averageResponseBytes: 100 });

describe('the cost chart', () => {
  it('reaches below $1 for costs under $1, instead of flattening them onto a $1 floor', () => {
    expect(costAxis([0.04, 3.5, 512])).toEqual([-2, 3]);
    expect([usdTick(0.01), usdTick(0.1), usdTick(1), usdTick(1000)]).toEqual(['$0.01', '$0.1', '$1', '$1,000']);
  });

  it('labels every decade of the axis the model’s costs span', () => {
    const svg = renderCostChart(tiny!, traffic, compareComputes(tiny!, traffic));
    const ticks = [...svg.matchAll(/text-anchor="end" fill="#212529">(\$[\d.,]+)<\/text>/g)].map((m) => m[1]);

    // Lambda's fixed monitoring puts its floor above $1 at 10,000 requests a month; EC2 tops out past $1,000.
    expect(ticks[0]).toBe('$1');
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    // One tick a decade from there, none skipped.
    expect(ticks).toEqual(ticks.map((_, i) => usdTick(10 ** i)));
  });

  it('puts the declared-traffic label at the foot of the plot, with a halo, joined to its mark', () => {
    const svg = renderCostChart(tiny!, traffic, compareComputes(tiny!, traffic));
    const mark = /<circle id="declared-traffic" cx="([\d.]+)" cy="([\d.]+)"/.exec(svg)!;
    const label = /<text id="declared-label" x="[\d.]+" y="([\d.]+)"[^>]*stroke="#ffffff" stroke-width="4" paint-order="stroke">declared: /.exec(svg)!;

    expect(Number(label[1])).toBeGreaterThan(Number(mark[2]));
    expect(svg).toContain(`<line x1="${mark[1]}" y1="`);
  });
});
