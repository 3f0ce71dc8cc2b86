/** A request as a plain HTTP server would see it, whatever event carried it. */
export interface HttpRequest {
  method: string;
  /** Path and raw query string, e.g. `/greet?name=Zo%C3%AB`. */
  url: string;
  /** Lower-case names; repeated headers keep every value. */
  headers: Record<string, string | string[]>;
  body?: Buffer;
  remoteAddress?: string;
}

/** What the server answered, before it is shaped for the event's source. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

export class InvalidEventError extends Error {
  constructor(source: string, problem: string) {
    super(`Invalid ${source} event: ${problem}`);
    this.name = 'InvalidEventError';
  }
}
