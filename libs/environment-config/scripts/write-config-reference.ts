// `npm run docs:config`: writes docs/configuration.md from the settings' declarations.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIGURATION_REFERENCE_PAGE, configurationReference } from '../src/lib/config-reference';

const page = join(dirname(fileURLToPath(import.meta.url)), '../../..', CONFIGURATION_REFERENCE_PAGE);
writeFileSync(page, configurationReference());
process.stdout.write(`wrote ${CONFIGURATION_REFERENCE_PAGE}\n`);
