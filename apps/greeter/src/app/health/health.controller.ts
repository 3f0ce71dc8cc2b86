import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ShutdownState } from './shutdown-state';

export type HealthStatus = { status: 'ok' } | { status: 'shutting_down' };

@Controller('health')
export class HealthController {
  constructor(private readonly shutdown: ShutdownState) {}

  @Get()
  check(@Res({ passthrough: true }) reply: FastifyReply): HealthStatus {
    if (this.shutdown.isShuttingDown) {
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'shutting_down' };
    }
    return { status: 'ok' };
  }
}
