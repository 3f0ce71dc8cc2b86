import { type OfferRow, readOfferCsv } from './offer-csv';
import { OFFER_CODES, type OfferCode, type PriceSpec, priceSpecs, rowMatches } from './price-specs';
import type { PriceTable } from '../prices';

/** Where the Price List is read from: AWS's public endpoint, or a server standing in for it in tests. */
export interface OfferSource {
  /** An index file (the offer index, a region index), by its path on the endpoint. */
  json(path: string): Promise<unknown>;
  /** An offer file's lines, by its path on the endpoint. */
  lines(path: string, label: string): AsyncIterable<string>;
}

export const OFFER_INDEX_PATH = '/offers/v1.0/aws/index.json';

/** Every way the files did not say what the table needs, one sentence each. */
export class PriceRefreshError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The Price List did not give every price (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'PriceRefreshError';
  }
}

interface Picked {
  value: number | number[];
  skus: Record<string, { sku: string; description: string }>;
}

const rangeStart = (row: OfferRow) => Number(row['startingrange'] || 0);
const rangeEnd = (row: OfferRow) => (row['endingrange'] === 'Inf' || row['endingrange'] === '' ? Infinity : Number(row['endingrange']));
/** The file's price in the model's unit, without the float noise a multiplication leaves. */
const scaled = (row: OfferRow, spec: PriceSpec) => Number((Number(row['priceperunit']) * (spec.scale ?? 1)).toPrecision(12));
const where = (spec: PriceSpec, region: string) =>
  `${spec.path} (${spec.offer} ${region}, usage type ${spec.usageType}${
    spec.where
      ? `, ${Object.entries(spec.where)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`
      : ''
  })`;

/** One figure from the rows that share a price: refuses rows that disagree. */
function single(rows: OfferRow[], spec: PriceSpec, region: string, problems: string[]): OfferRow | undefined {
  const prices = new Set(rows.map((row) => scaled(row, spec)));
  if (prices.size > 1) {
    problems.push(
      `${where(spec, region)}: ${prices.size} different prices (${rows.map((r) => `${r['sku']} ${r['priceperunit']}`).join(', ')}); the spec needs a narrower match`,
    );
    return undefined;
  }
  return rows[0];
}

function pick(spec: PriceSpec, rows: OfferRow[], region: string, problems: string[]): Picked | undefined {
  if (rows.length === 0) {
    if (!spec.optional) problems.push(`${where(spec, region)}: no on-demand row in the offer file`);
    return undefined;
  }
  const unpriced = rows.find((row) => !(Number(row['priceperunit']) > 0));
  if (unpriced) {
    problems.push(`${where(spec, region)}: row ${unpriced['sku']} has no price above 0 (${JSON.stringify(unpriced['priceperunit'])})`);
    return undefined;
  }
  const wrongUnit = rows.find((row) => !spec.units.some((unit) => unit.toLowerCase() === row['unit']?.toLowerCase()));
  if (wrongUnit) {
    problems.push(`${where(spec, region)}: priced per "${wrongUnit['unit']}", expected ${spec.units.map((u) => `"${u}"`).join(' or ')}`);
    return undefined;
  }
  const record = (row: OfferRow) => ({ sku: row['sku'] ?? '', description: row['pricedescription'] ?? '' });
  if (spec.tiersFrom) {
    const starts = [...new Set(rows.map(rangeStart))].sort((a, b) => a - b);
    if (starts.join() !== spec.tiersFrom.join()) {
      problems.push(
        `${where(spec, region)}: tiers start at ${starts.join(', ')}, the model's at ${spec.tiersFrom.join(', ')}; update the tiers in the cost model first`,
      );
      return undefined;
    }
    const tiers = spec.tiersFrom.map((start) =>
      single(
        rows.filter((row) => rangeStart(row) === start),
        spec,
        region,
        problems,
      ),
    );
    if (tiers.some((row) => row === undefined)) return undefined;
    const chosen = tiers as OfferRow[];
    return { value: chosen.map((row) => scaled(row, spec)), skus: Object.fromEntries(chosen.map((row, i) => [`${spec.path}/${i}`, record(row)])) };
  }
  const at = spec.at ?? 0;
  const inTier = rows.filter((r) => rangeStart(r) <= at && at < rangeEnd(r));
  if (inTier.length === 0) {
    problems.push(`${where(spec, region)}: no tier holds ${at}`);
    return undefined;
  }
  const row = single(inTier, spec, region, problems);
  if (!row) return undefined;
  return { value: scaled(row, spec), skus: { [spec.path]: record(row) } };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('/');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

/** The region index of each offer, read once for every region. */
async function regionIndexes(source: OfferSource, offers: readonly OfferCode[]): Promise<Map<OfferCode, Record<string, { currentVersionUrl?: string }>>> {
  const index = (await source.json(OFFER_INDEX_PATH)) as { offers?: Record<string, { currentRegionIndexUrl?: string }> };
  const byOffer = new Map<OfferCode, Record<string, { currentVersionUrl?: string }>>();
  for (const offer of offers) {
    const url = index.offers?.[offer]?.currentRegionIndexUrl;
    if (!url) throw new PriceRefreshError([`the offer index lists no region index for ${offer}`]);
    const regions = ((await source.json(url)) as { regions?: Record<string, { currentVersionUrl?: string }> }).regions;
    byOffer.set(offer, regions ?? {});
  }
  return byOffer;
}

export interface RegionToRefresh {
  region: string;
  /** Instance types the region's environments use: a refresh without their price fails. */
  instanceTypes: readonly string[];
}

/**
 * Reads each offer's current file for each region (CSV, streamed) and builds
 * the region's price table: every price the model reads, its SKU, and each
 * offer's version and publication date. Refuses, listing every problem,
 * rather than write a table with a price missing or guessed.
 */
export async function refreshPriceTables(
  source: OfferSource,
  regions: readonly RegionToRefresh[],
  /** Instance types priced where offered (the capacity table's, and those the tables held before). */
  otherInstanceTypes: readonly string[],
  today: Date,
  sourceName: string,
): Promise<PriceTable[]> {
  const indexes = await regionIndexes(source, OFFER_CODES);
  const problems: string[] = [];
  const tables: PriceTable[] = [];
  for (const { region, instanceTypes } of regions) {
    const specs = priceSpecs(instanceTypes, otherInstanceTypes);
    const prices: Record<string, unknown> = { ec2PerHour: {} };
    const table: PriceTable = {
      region,
      asOf: today.toISOString().slice(0, 10),
      source: `AWS Price List bulk API (${sourceName}), read by npm run cost:refresh-prices`,
      offers: {},
      prices: prices as PriceTable['prices'],
      skus: {},
    };
    for (const offer of OFFER_CODES) {
      const versionUrl = indexes.get(offer)![region]?.currentVersionUrl;
      if (!versionUrl) {
        problems.push(`${offer} has no offer file for ${region}`);
        continue;
      }
      const offerSpecs = specs.filter((spec) => spec.offer === offer);
      const { metadata, rows } = await readOfferCsv(
        source.lines(versionUrl.replace(/\.json$/, '.csv'), `${offer} ${region}`),
        (row) => offerSpecs.some((spec) => rowMatches(spec, row, region)),
        // A row can only match if its usage type is on the line.
        (line) => offerSpecs.some((spec) => line.includes(spec.usageType)),
      );
      if (metadata.offerCode !== offer) problems.push(`the ${offer} file for ${region} says it is ${metadata.offerCode}`);
      table.offers[offer] = { version: metadata.version, publicationDate: metadata.publicationDate };
      for (const spec of offerSpecs) {
        const picked = pick(
          spec,
          rows.filter((row) => rowMatches(spec, row, region)),
          region,
          problems,
        );
        if (!picked) continue;
        setPath(prices, spec.path, picked.value);
        Object.assign(table.skus, picked.skus);
      }
    }
    tables.push(table);
  }
  if (problems.length > 0) throw new PriceRefreshError(problems);
  return tables;
}
