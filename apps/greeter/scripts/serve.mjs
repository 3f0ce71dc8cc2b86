// `nx serve greeter`: bundles the standalone server exactly as the EC2 artifact
// is built (unminified, with source maps), runs it, and rebuilds and restarts
// it whenever a source file changes.
import { spawn } from 'node:child_process';
import { context } from 'esbuild';
import { esbuildOptionsFor } from './bundle-options.mjs';

const options = esbuildOptionsFor('server', { minify: false });
let server;
let stopping = false;

function start() {
  server = spawn(process.execPath, ['--enable-source-maps', options.outfile], { stdio: 'inherit', env: process.env });
  server.on('exit', (code, signal) => {
    if (!stopping && signal === null && code !== 0) console.error(`greeter server exited with code ${code}; waiting for a change to restart`);
  });
}

function restart() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return start();
  server.once('exit', start);
  server.kill('SIGTERM');
}

const restartAfterBuild = {
  name: 'restart-after-build',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return console.error('build failed; fix the error above and save again');
      console.error(server ? 'source changed: restarting the greeter server' : 'starting the greeter server');
      restart();
    });
  },
};

const ctx = await context({ ...options, metafile: false, plugins: [...options.plugins, restartAfterBuild] });
await ctx.watch();

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    stopping = true;
    await ctx.dispose();
    if (server && server.exitCode === null) {
      server.once('exit', (code) => process.exit(code ?? 0));
      server.kill(signal);
    } else process.exit(0);
  });
}
