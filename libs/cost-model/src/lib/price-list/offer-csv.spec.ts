import { normalizeColumn, OfferFileError, parseCsvLine, readOfferCsv } from './offer-csv';

async function* linesOf(text: string) {
  yield* text.split('\n');
}

const OFFER = `"FormatVersion","v1.0"
"Disclaimer","This pricing list is for informational purposes only."
"Publication Date","2026-11-20T18:04:11Z"
"Version","20261120180411"
"OfferCode","AmazonEC2"
"SKU","OfferTermCode","TermType","PriceDescription","StartingRange","EndingRange","Unit","PricePerUnit","Currency","Instance Type","Pre Installed S/W"
"AAAA","JRTCKXETXF","OnDemand","$0.0168 per On Demand Linux t4g.small Instance Hour","0","Inf","Hrs","0.0168000000","USD","t4g.small","NA"
"BBBB","JRTCKXETXF","OnDemand","RHEL, ""with support""","0","Inf","Hrs","0.0500000000","USD","t4g.small",
`;

describe('parseCsvLine', () => {
  it('reads quoted fields with commas and doubled quotes inside, and bare empty fields', () => {
    expect(parseCsvLine('"a, b","say ""hi""",,"",x')).toEqual(['a, b', 'say "hi"', '', '', 'x']);
    expect(parseCsvLine('"USD",,"3yr"')).toEqual(['USD', '', '3yr']);
  });

  it('refuses a quote left open', () => {
    expect(() => parseCsvLine('"a,b')).toThrow(OfferFileError);
  });
});

describe('readOfferCsv', () => {
  it('reads the five metadata lines, names columns alike in CSV and JSON spelling, and keeps the rows asked for', async () => {
    const { metadata, rows } = await readOfferCsv(linesOf(OFFER), (row) => row['pricedescription']!.startsWith('RHEL'));

    expect(metadata).toEqual({ offerCode: 'AmazonEC2', version: '20261120180411', publicationDate: '2026-11-20T18:04:11Z' });
    expect(rows).toEqual([expect.objectContaining({ sku: 'BBBB', pricedescription: 'RHEL, "with support"', instancetype: 't4g.small', preinstalledsw: '' })]);
    expect(normalizeColumn('Pre Installed S/W')).toBe(normalizeColumn('preInstalledSw'));
  });

  it('splits only the lines the cheap look lets through, so most of a large offer is never parsed', async () => {
    const { rows } = await readOfferCsv(
      linesOf(`${OFFER}"CCCC","a quote left open\n`),
      () => true,
      (line) => line.includes('per On Demand Linux'),
    );

    expect(rows.map((row) => row['sku'])).toEqual(['AAAA']);
  });

  it('refuses what is not an offer file, saying what it expected', async () => {
    await expect(readOfferCsv(linesOf('<html>Access Denied</html>'), () => true)).rejects.toThrow(
      'not a Price List offer file: expected its "FormatVersion" line',
    );
    await expect(readOfferCsv(linesOf(OFFER.split('\n').slice(0, 5).join('\n')), () => true)).rejects.toThrow('it ended before its header row');
    await expect(readOfferCsv(linesOf(OFFER.replace('"PricePerUnit",', '')), () => true)).rejects.toThrow(
      'the AmazonEC2 offer file has no "priceperunit" column',
    );
  });
});
