import { Test } from '@nestjs/testing';
import { GreetController } from './greet.controller';
import { GreetService } from './greet.service';

describe('GreetController', () => {
  let controller: GreetController;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [GreetController], providers: [GreetService] }).compile();
    controller = moduleRef.get(GreetController);
  });

  it('answers the greeting as a message', () => {
    expect(controller.greet({ name: 'Ada' })).toEqual({ message: 'Hello, Ada!' });
  });
});
