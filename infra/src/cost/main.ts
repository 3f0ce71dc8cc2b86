import { ENVIRONMENTS } from '../../environments';
import { runCostCli } from './cost-cli';

process.exitCode = runCostCli(process.argv.slice(2), ENVIRONMENTS, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
