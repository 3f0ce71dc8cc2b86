import { createGreeterApp } from './app/create-greeter-app';
import { JsonLogger } from './app/logging/json-logger';
import { createLambdaHandler } from './lambda/lambda-handler';

// Built once per execution environment, during Lambda's init phase (top-level await), and reused by every invoke.
const logger = new JsonLogger();
const app = await createGreeterApp({ logger });

export const handler = createLambdaHandler(app.getHttpAdapter().getInstance(), logger);
