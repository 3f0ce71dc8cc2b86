// Runs in a child process: imports the built Lambda artifact from a folder with
// no node_modules, then answers { id, event, context } messages with the
// handler's result, as the Lambda runtime would call it.
const artifact = process.argv[2];
const { handler } = await import(artifact);
process.on('message', async ({ id, event, context }) => {
  try {
    const result = await handler(event, context);
    process.send({ id, result });
  } catch (error) {
    process.send({ id, error: String(error && error.stack ? error.stack : error) });
  }
});
// What the runtime will see: Node 24's rejects handlers that take a callback.
process.send({ ready: true, handlerKind: handler.constructor.name, handlerArity: handler.length });
