// Runs in a child process: imports the built Lambda artifact from a folder with
// no node_modules, then answers { id, event, context } messages with the
// handler's result, as the Lambda runtime would call it.
const artifact = process.argv[2];

// Start-up work the build defers (apps/greeter/scripts/dependency-rewrites.mjs), counted while
// the artifact loads: the first Intl date formatter loads ICU's locale data.
let dateTimeFormatters = 0;
Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, {
  construct: (target, args, newTarget) => (dateTimeFormatters++, Reflect.construct(target, args, newTarget)),
  apply: (target, self, args) => (dateTimeFormatters++, Reflect.apply(target, self, args)),
});
// What the handler writes to stdout (its logs) between being called and returning:
// Lambda may freeze the environment as soon as it returns, holding anything later.
let writtenDuringInvoke = [];
const writeToStdout = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => (writtenDuringInvoke.push(String(chunk)), writeToStdout(chunk, ...rest));
const { handler } = await import(artifact);
const startUp = {
  dateTimeFormatters,
  builtins: process.moduleLoadList.filter((name) => name.startsWith('NativeModule ')).map((name) => name.slice('NativeModule '.length)),
};
process.on('message', async ({ id, event, context }) => {
  try {
    writtenDuringInvoke = [];
    const result = await handler(event, context);
    process.send({ id, result, logs: writtenDuringInvoke.join('').split('\n').filter(Boolean) });
  } catch (error) {
    process.send({ id, error: String(error && error.stack ? error.stack : error) });
  }
});
// What the runtime will see: Node 24's rejects handlers that take a callback.
process.send({ ready: true, handlerKind: handler.constructor.name, handlerArity: handler.length, startUp });
