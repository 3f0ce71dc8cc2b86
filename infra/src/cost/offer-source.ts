import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import type { OfferSource } from '@greeter/cost-model';

/** AWS's public Price List endpoint: no credentials, no SDK. */
export const PRICE_LIST_ENDPOINT = 'https://pricing.us-east-1.amazonaws.com';

const PROGRESS_EVERY_BYTES = 25 * 1024 * 1024;

async function get(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new Error(`could not reach ${url}: ${cause}`);
  }
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
  return response;
}

/** Reads the Price List over HTTP, streaming offer files line by line and saying how far it is through the big ones. */
export function httpOfferSource(endpoint: string, progress: (text: string) => void): OfferSource {
  const base = endpoint.replace(/\/+$/, '');
  return {
    async json(path) {
      return (await get(`${base}${path}`)).json();
    },
    async *lines(path, label) {
      const response = await get(`${base}${path}`);
      const size = Number(response.headers.get('content-length')) || undefined;
      const body = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
      let read = 0;
      let reported = 0;
      body.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read - reported >= PROGRESS_EVERY_BYTES) {
          reported = read;
          progress(`  ${label}: ${Math.round(read / 1048576)} MB${size ? ` of ${Math.round(size / 1048576)} MB` : ''} read`);
        }
      });
      progress(`• ${label}: ${base}${path}`);
      const lines = createInterface({ input: body, crlfDelay: Infinity });
      try {
        yield* lines;
      } finally {
        // Also when the reader stops early (a file it refuses): nothing is left paused on an open socket.
        lines.close();
        body.destroy();
      }
    },
  };
}
