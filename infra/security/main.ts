import { ENVIRONMENTS } from '../environments';
import { checkovCommand, runSecurityScan } from './security-scan';

process.exitCode = runSecurityScan(process.argv.slice(2), ENVIRONMENTS, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  checkov: checkovCommand,
});
