import { Controller, Get } from '@nestjs/common';
import { type GreetQuery, ValidGreetQuery } from './greet-query';
import { GreetService } from './greet.service';

export interface Greeting {
  message: string;
}

@Controller('greet')
export class GreetController {
  constructor(private readonly greetings: GreetService) {}

  @Get()
  greet(@ValidGreetQuery() query: GreetQuery): Greeting {
    return { message: this.greetings.greet(query.name) };
  }
}
