import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type OfferSource, PRICE_TABLES, PriceRefreshError, type PriceTable, refreshPriceTables } from '@greeter/cost-model';
import { AWS_REGION_NAME, EC2_DEFAULTS, type EnvironmentDeclaration, INSTANCE_CPUS } from '@greeter/environment-config';
import { type CommandIo, parseCommandLine } from '../command-line';
import { PRICE_LIST_ENDPOINT } from './offer-source';

export const REFRESH_USAGE = `Usage: npm run cost:refresh-prices -- [--region R]... [--source URL] [--out-dir DIR]
  --region R     a region to refresh (repeat it; default: every region the environments use)
  --source URL   the Price List endpoint (default: ${PRICE_LIST_ENDPOINT})
  --out-dir DIR  where the tables go (default: libs/cost-model/src/lib/price-tables)
Reads AWS's public Price List bulk offer files (CSV, streamed; no credentials), and writes one
dated table per region with each price's SKU and each offer's publication date.`;

export interface RefreshCliIo extends CommandIo {
  /** The Price List at an endpoint. */
  source: (endpoint: string) => OfferSource;
  today: Date;
}

/** Every path in a table's prices with its figure, for the summary of what changed. */
function flatten(value: unknown, path = ''): Map<string, number> {
  const out = new Map<string, number>();
  if (typeof value === 'number') out.set(path, value);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) for (const [p, v] of flatten(inner, path ? `${path}/${key}` : key)) out.set(p, v);
  }
  return out;
}

function changes(before: PriceTable | undefined, after: PriceTable): string[] {
  const old = flatten(before?.prices);
  return [...flatten(after.prices)]
    .filter(([path, value]) => old.get(path) !== value)
    .map(([path, value]) => `    ${path}: ${old.has(path) ? `${old.get(path)} → ` : 'new, '}${value}`);
}

/** The module that loads every table in the folder, so a region refreshed for the first time is priced too. */
export function tablesIndexModule(tableFiles: string[]): string {
  const regions = tableFiles.map((file) => file.replace(/\.json$/, '')).sort();
  const identifier = (region: string) => region.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  return [
    "// Written by `npm run cost:refresh-prices`: every region's table in this folder.",
    ...regions.map((region) => `import ${identifier(region)} from './${region}.json';`),
    '',
    `export const REGION_TABLES: unknown[] = [${regions.map(identifier).join(', ')}];`,
    '',
  ].join('\n');
}

/** `npm run cost:refresh-prices`. Returns the exit code: 0 written, 1 the Price List failed us (nothing written), 2 bad arguments. */
export async function runRefreshPricesCli(
  argv: string[],
  declarations: EnvironmentDeclaration[],
  io: RefreshCliIo,
  workspaceRoot = resolve(__dirname, '../../..'),
): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    { region: { type: 'string', multiple: true }, source: { type: 'string' }, 'out-dir': { type: 'string' } },
    REFRESH_USAGE,
    io,
  );
  if (!parsed.values) return parsed.exitCode;
  const args = parsed.values;
  const regions = [...new Set(args.region ?? declarations.map((d) => d.region))];
  const badRegion = regions.find((r) => !AWS_REGION_NAME.test(r));
  if (badRegion !== undefined) {
    io.err(`--region must be an AWS region such as us-east-1 (got ${JSON.stringify(badRegion)})\n`);
    return 2;
  }
  const endpoint = args.source ?? PRICE_LIST_ENDPOINT;
  if (!/^https?:\/\//.test(endpoint)) {
    io.err(`--source must be an http(s) URL (got ${JSON.stringify(endpoint)})\n`);
    return 2;
  }
  // The types a region's environments run must be priced there; the capacity table's and the current tables' where offered.
  const toRefresh = regions.map((region) => ({
    region,
    instanceTypes: [...new Set(declarations.filter((d) => d.region === region).map((d) => d.ec2?.instanceType ?? EC2_DEFAULTS.instanceType))].sort(),
  }));
  const otherTypes = [...new Set([...Object.keys(INSTANCE_CPUS), ...PRICE_TABLES.flatMap((t) => Object.keys(t.prices.ec2PerHour))])].sort();

  io.err(`Reading the Price List at ${endpoint} for ${regions.join(', ')}\n`);
  let tables: PriceTable[];
  try {
    tables = await refreshPriceTables(io.source(endpoint), toRefresh, otherTypes, io.today, endpoint);
  } catch (error) {
    io.err(`${error instanceof PriceRefreshError ? error.message : `The Price List could not be read: ${(error as Error).message}`}\nNo table was written.\n`);
    return 1;
  }
  const outDir = resolve(workspaceRoot, args['out-dir'] ?? 'libs/cost-model/src/lib/price-tables');
  mkdirSync(outDir, { recursive: true });
  for (const table of tables) {
    const file = join(outDir, `${table.region}.json`);
    let before: PriceTable | undefined;
    try {
      before = JSON.parse(readFileSync(file, 'utf8')) as PriceTable;
    } catch {
      before = undefined;
    }
    writeFileSync(file, `${JSON.stringify(table, null, 2)}\n`);
    const changed = changes(before, table);
    const published = [...new Set(Object.values(table.offers).map((o) => o.publicationDate.slice(0, 10)))].sort();
    io.out(
      `${table.region}: ${Object.keys(table.skus).length} prices from ${Object.keys(table.offers).length} offers published ${published.join(' to ')}, written to ${file}\n`,
    );
    io.out(changed.length > 0 ? `  ${changed.length} changed:\n${changed.join('\n')}\n` : '  no price changed\n');
  }
  writeFileSync(
    join(outDir, 'index.ts'),
    tablesIndexModule(readdirSync(outDir).filter((file) => file.endsWith('.json') && AWS_REGION_NAME.test(file.slice(0, -'.json'.length)))),
  );
  return 0;
}
