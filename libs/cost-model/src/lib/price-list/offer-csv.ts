/**
 * AWS Price List bulk offer files in their CSV form: five `"Key","value"`
 * lines (FormatVersion, Disclaimer, Publication Date, Version, OfferCode),
 * a header row, then one row per price dimension. CSV rather than JSON
 * because a region's AmazonEC2 offer runs to hundreds of megabytes: read
 * line by line, only the rows wanted are kept.
 */

export interface OfferMetadata {
  offerCode: string;
  version: string;
  publicationDate: string;
}

/** One price dimension, its columns keyed by normalized name (`Region Code` → `regioncode`, `usageType` → `usagetype`). */
export type OfferRow = Record<string, string>;

export class OfferFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfferFileError';
  }
}

/** Column names as keys: lower case, letters and digits only, so `Pre Installed S/W` and `preInstalledSw` agree. */
export function normalizeColumn(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Splits one CSV line: fields in double quotes (`""` for a quote inside) or bare (empty fields are bare). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote === -1) throw new OfferFileError(`unterminated quoted field in: ${line.slice(0, 120)}`);
        value += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      fields.push(line.slice(i, comma === -1 ? line.length : comma));
      i = comma === -1 ? line.length : comma;
    }
    if (i >= line.length) return fields;
    if (line[i] !== ',') throw new OfferFileError(`expected a comma at column ${i + 1} of: ${line.slice(0, 120)}`);
    i++;
  }
}

const METADATA_KEYS = ['FormatVersion', 'Disclaimer', 'Publication Date', 'Version', 'OfferCode'] as const;

/**
 * Reads an offer file's lines, calling `keep` for each row it wants; returns
 * the file's metadata and the rows kept. Refuses a file that does not start
 * like an offer file or whose header lacks a price column.
 */
export async function readOfferCsv(
  lines: AsyncIterable<string>,
  keep: (row: OfferRow) => boolean,
  /**
   * A cheap look at the raw line first: most of a large offer's rows are skipped without being split
   * (and so without being checked: a malformed line is noticed only if it passes this look).
   */
  mightKeep: (line: string) => boolean = () => true,
): Promise<{ metadata: OfferMetadata; rows: OfferRow[] }> {
  const metadata: Record<string, string> = {};
  let header: string[] | undefined;
  const rows: OfferRow[] = [];
  for await (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || (header && !mightKeep(line))) continue;
    const fields = parseCsvLine(line);
    if (Object.keys(metadata).length < METADATA_KEYS.length) {
      const expected = METADATA_KEYS[Object.keys(metadata).length]!;
      if (fields[0] !== expected)
        throw new OfferFileError(`not a Price List offer file: expected its "${expected}" line, got ${JSON.stringify(line.slice(0, 80))}`);
      metadata[expected] = fields[1] ?? '';
      continue;
    }
    if (!header) {
      header = fields.map(normalizeColumn);
      for (const needed of ['sku', 'termtype', 'startingrange', 'endingrange', 'unit', 'priceperunit', 'currency']) {
        if (!header.includes(needed)) throw new OfferFileError(`the ${metadata['OfferCode']} offer file has no "${needed}" column`);
      }
      continue;
    }
    const row: OfferRow = {};
    header.forEach((column, index) => (row[column] = fields[index] ?? ''));
    if (keep(row)) rows.push(row);
  }
  if (!header) throw new OfferFileError('not a Price List offer file: it ended before its header row');
  return { metadata: { offerCode: metadata['OfferCode']!, version: metadata['Version']!, publicationDate: metadata['Publication Date']! }, rows };
}
