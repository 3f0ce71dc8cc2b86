import { createGreeterApp } from './app/create-greeter-app';
import { JsonLogger } from './app/logging/json-logger';
import { readLogLevel } from './app/logging/log-level';
import { createLambdaHandler } from './lambda/lambda-handler';

// Built once per execution environment, during Lambda's init phase (top-level await), and reused by every invoke.
// A bad LOG_LEVEL fails the init phase, with the problem in the function's log.
const logger = new JsonLogger(readLogLevel(process.env));
const app = await createGreeterApp({ logger });

export const handler = createLambdaHandler(app.getHttpAdapter().getInstance(), logger);
