import { Module } from '@nestjs/common';
import { GreetModule } from './greet/greet.module';
import { HealthModule } from './health/health.module';

@Module({ imports: [GreetModule, HealthModule] })
export class AppModule {}
