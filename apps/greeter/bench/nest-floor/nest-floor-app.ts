// The floor the greeter is measured against: NestJS on Fastify answering the
// same route with nothing else (no validation, security headers, request ids,
// logging or error shaping), bundled by the same build as the greeter. What the
// greeter costs beyond it is what its production pipeline costs.
import 'reflect-metadata';
import { Controller, Get, Module, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NO_ROUTE_SCHEMAS } from '../../src/app/http/no-route-schemas';

@Controller()
class GreetController {
  @Get('greet')
  greet(@Query('name') name?: string): { message: string } {
    return { message: `Hello, ${name || 'World'}!` };
  }
}

@Module({ controllers: [GreetController] })
class NestFloorModule {}

export async function createNestFloorApp(): Promise<NestFastifyApplication> {
  // As in the greeter: no middleware and no request bodies, so Nest registers neither middie nor its body
  // parsers; and no route schemas, so Fastify needs none of the schema compilers the build leaves out.
  const adapter = new FastifyAdapter({ skipMiddie: true, schemaController: NO_ROUTE_SCHEMAS });
  const app = await NestFactory.create<NestFastifyApplication>(NestFloorModule, adapter, { logger: false, bodyParser: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
