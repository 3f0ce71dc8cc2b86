import { Controller, Get, Query } from '@nestjs/common';
import { type GreetQuery, GreetQueryPipe } from './greet-query.pipe';
import { GreetService } from './greet.service';

export interface Greeting {
  message: string;
}

@Controller('greet')
export class GreetController {
  constructor(private readonly greetings: GreetService) {}

  @Get()
  greet(@Query(GreetQueryPipe) query: GreetQuery): Greeting {
    return { message: this.greetings.greet(query.name) };
  }
}
