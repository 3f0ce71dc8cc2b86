export interface LineItem {
  item: string;
  quantity: number;
  unit: string;
  unitPriceUsd: number;
  /** Rounded to the cent, as AWS bills show each line. */
  monthlyUsd: number;
}

export interface ComputeCost {
  compute: 'lambda' | 'ec2';
  lines: LineItem[];
  /** The sum of the rounded lines. */
  totalUsd: number;
}

export const toCents = (usd: number): number => Math.round((usd + Number.EPSILON) * 100) / 100;

export function line(item: string, quantity: number, unit: string, unitPriceUsd: number): LineItem {
  return { item, quantity, unit, unitPriceUsd, monthlyUsd: toCents(quantity * unitPriceUsd) };
}

export function total(compute: ComputeCost['compute'], lines: LineItem[]): ComputeCost {
  return { compute, lines, totalUsd: toCents(lines.reduce((sum, l) => sum + l.monthlyUsd, 0)) };
}
