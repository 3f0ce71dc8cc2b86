import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The answer being written on a connection, if any. Node keeps it on the
 * socket from the moment a request has arrived until its answer is finished;
 * Node's own `closeIdleConnections` tells idle connections apart by it too.
 */
function answerOn(socket: Socket): ServerResponse | undefined {
  return (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage ?? undefined;
}

/**
 * The server's open connections, tracked from the start, so that a shutdown
 * can end every keep-alive connection after its current answer and close the
 * idle ones at once, including those that never sent a byte (which Node's
 * `closeIdleConnections` leaves open). Costs a Set entry per connection,
 * nothing per request.
 */
export class OpenConnections {
  private readonly sockets = new Set<Socket>();

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  get size(): number {
    return this.sockets.size;
  }

  /**
   * From now on every answer carries `Connection: close`, and its connection
   * closes once it is written: the answers being prepared now and every later
   * one. A client therefore never sends another request on a connection the
   * server is about to close.
   */
  closeEachAfterItsAnswer(): void {
    for (const socket of this.sockets) {
      const answer = answerOn(socket);
      if (answer && !answer.headersSent) answer.setHeader('connection', 'close');
    }
    this.server.prependListener('request', (_request, answer: ServerResponse) => answer.setHeader('connection', 'close'));
  }

  /**
   * Closes every connection that has no request being answered: idle
   * keep-alive connections, connections that never sent a byte, and those
   * still sending a request's headers (not yet received, so not lost).
   */
  closeIdle(): void {
    for (const socket of this.sockets) if (!answerOn(socket)) socket.destroy();
  }
}
