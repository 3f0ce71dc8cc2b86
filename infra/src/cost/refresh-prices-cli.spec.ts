import { createReadStream, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import type { PriceTable } from '@greeter/cost-model';
import { ENVIRONMENTS } from '../../environments';
import { httpOfferSource } from './offer-source';
import { runRefreshPricesCli, tablesIndexModule } from './refresh-prices-cli';

// The Price List's layout, cut down (libs/cost-model/src/lib/price-list/fixtures), served on loopback as AWS serves it.
const FIXTURE = join(__dirname, '../../../libs/cost-model/src/lib/price-list/fixtures');

let server: Server;
let endpoint: string;
/** Offer files served under /denied/ are a long HTML error page, as a misconfigured proxy might send; whether each was cut off. */
const deniedResponses: Array<{ cutOff: boolean }> = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://x').pathname;
    if (path.startsWith('/denied/') && path.endsWith('.csv')) {
      const record = { cutOff: false };
      deniedResponses.push(record);
      response.on('close', () => (record.cutOff = !response.writableFinished));
      response.writeHead(200, { 'content-type': 'text/html' });
      // 100 MB, more than loopback buffers: it ends only if the reader takes it all.
      const padding = Buffer.from('<!-- padding -->\n'.repeat(60_000));
      Readable.from(
        (function* () {
          yield '<html><body>Access Denied</body></html>\n';
          for (let i = 0; i < 100; i++) yield padding;
        })(),
      ).pipe(response);
      return;
    }
    const file = join(FIXTURE, normalize(decodeURIComponent(path.replace(/^\/denied\//, '/'))));
    if (!file.startsWith(FIXTURE) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    response.writeHead(200, { 'content-length': statSync(file).size });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  // A response the reader left half-read would otherwise hold the close (and Jest) open.
  server.closeAllConnections();
  return new Promise<void>((done) => server.close(() => done()));
});

async function run(argv: string[], outDir = mkdtempSync(join(tmpdir(), 'greeter-prices-'))) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRefreshPricesCli([...argv, '--out-dir', outDir], ENVIRONMENTS, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    source: (url) => httpOfferSource(url, (t) => err.push(`${t}\n`)),
    today: new Date('2026-12-01T09:00:00Z'),
  });
  return { code, out: out.join(''), err: err.join(''), outDir };
}

describe('npm run cost:refresh-prices', () => {
  it('writes a dated table per region the environments use, with SKUs and publication dates, saying what it reads', async () => {
    const { code, out, err, outDir } = await run(['--source', endpoint]);
    const table = JSON.parse(readFileSync(join(outDir, 'eu-west-1.json'), 'utf8')) as PriceTable;

    expect(code).toBe(0);
    expect(err).toContain(`• AmazonEC2 eu-west-1: ${endpoint}/offers/v1.0/aws/AmazonEC2/20261120180411/eu-west-1/index.csv`);
    expect(out).toContain(`eu-west-1: 43 prices from 10 offers published 2026-11-20, written to ${join(outDir, 'eu-west-1.json')}`);
    expect(table).toMatchObject({ region: 'eu-west-1', asOf: '2026-12-01', offers: { AWSLambda: { publicationDate: '2026-11-20T18:04:11Z' } } });
    expect(table.prices.ec2PerHour['t4g.small']).toBe(0.0184);
    expect(table.skus['ec2PerHour/t4g.small']?.sku).toMatch(/^[A-Z0-9]{16}$/);
    expect(existsSync(join(outDir, 'us-east-1.json'))).toBe(true);
  });

  it('loads every table in the folder, so a region refreshed for the first time is priced too', async () => {
    const { outDir } = await run(['--source', endpoint, '--region', 'eu-west-1']);
    const shipped = join(__dirname, '../../../libs/cost-model/src/lib/price-tables');

    expect(readFileSync(join(outDir, 'index.ts'), 'utf8')).toContain(
      "import euWest1 from './eu-west-1.json';\n\nexport const REGION_TABLES: unknown[] = [euWest1];",
    );
    expect(tablesIndexModule(['us-east-1.json', 'eu-west-1.json', 'ap-southeast-2.json'])).toContain('[apSoutheast2, euWest1, usEast1]');
    // The shipped module is what the command writes for the shipped tables.
    expect(readFileSync(join(shipped, 'index.ts'), 'utf8')).toBe(tablesIndexModule(['us-east-1.json', 'eu-west-1.json']));
  });

  it('says which prices changed since the table it replaces, and when none did', async () => {
    const first = await run(['--source', endpoint, '--region', 'us-east-1']);
    const file = join(first.outDir, 'us-east-1.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"t4g.small": 0.0168', '"t4g.small": 0.02'));
    const second = await run(['--source', endpoint, '--region', 'us-east-1'], first.outDir);
    const third = await run(['--source', endpoint, '--region', 'us-east-1'], first.outDir);

    expect(first.out).toContain('  43 changed:\n');
    expect(first.out).toContain('\n    lambda/perMillionRequests: new, 0.2\n');
    expect(second.out).toContain('  1 changed:\n    ec2PerHour/t4g.small: 0.02 → 0.0168\n');
    expect(third.out).toContain('  no price changed\n');
  });

  it('writes nothing and exits 1 when the endpoint cannot be reached or lacks a file', async () => {
    const unreachable = await run(['--source', 'http://127.0.0.1:9', '--region', 'us-east-1']);
    const missing = await run(['--source', endpoint, '--region', 'ap-south-2']);

    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toMatch(
      /The Price List could not be read: could not reach http:\/\/127\.0\.0\.1:9\/offers\/v1\.0\/aws\/index\.json: .*\nNo table was written\./,
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('  - AWSLambda has no offer file for ap-south-2');
    expect(existsSync(join(missing.outDir, 'ap-south-2.json'))).toBe(false);
  });

  it('refuses a file that is not an offer (an HTML error page) and stops reading it there', async () => {
    const { code, err, outDir } = await run(['--source', `${endpoint}/denied`, '--region', 'eu-west-1']);

    expect(code).toBe(1);
    expect(err).toContain(
      'The Price List could not be read: not a Price List offer file: expected its "FormatVersion" line, got "<html><body>Access Denied</body></html>"\nNo table was written.',
    );
    expect(existsSync(join(outDir, 'eu-west-1.json'))).toBe(false);
    // 100 MB of page, of which the first line was enough: the rest is not downloaded.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deniedResponses).toEqual([{ cutOff: true }]);
  });

  it.each([
    [['--region', 'mars-1'], /--region must be an AWS region such as us-east-1 \(got "mars-1"\)/],
    [['--source', 'ftp://example.com'], /--source must be an http\(s\) URL/],
    [['--regions', 'us-east-1'], /Unknown option '--regions'[\s\S]*Usage: npm run cost:refresh-prices/],
  ])('refuses %p with a clear message and exit code 2', async (argv, message) => {
    const { code, err } = await run(argv);

    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
