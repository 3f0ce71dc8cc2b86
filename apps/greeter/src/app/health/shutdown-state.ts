import { Injectable } from '@nestjs/common';

/** Whether the process has begun to shut down; the health check reports it to the load balancer. */
@Injectable()
export class ShutdownState {
  private shuttingDown = false;

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  begin(): void {
    this.shuttingDown = true;
  }
}
