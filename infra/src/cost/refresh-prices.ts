import { ENVIRONMENTS } from '../../environments';
import { httpOfferSource } from './offer-source';
import { runRefreshPricesCli } from './refresh-prices-cli';

void runRefreshPricesCli(process.argv.slice(2), ENVIRONMENTS, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  source: (endpoint) => httpOfferSource(endpoint, (text) => process.stderr.write(`${text}\n`)),
  today: new Date(),
}).then((code) => (process.exitCode = code));
