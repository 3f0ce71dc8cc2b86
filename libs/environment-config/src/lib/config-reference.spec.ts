import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIGURATION_REFERENCE_PAGE, configurationReference } from './config-reference';

describe('the configuration reference', () => {
  const page = configurationReference();

  it(`is committed as generated: run \`npm run docs:config\` after changing a setting (${CONFIGURATION_REFERENCE_PAGE})`, () => {
    expect(readFileSync(join(__dirname, '../../../..', CONFIGURATION_REFERENCE_PAGE), 'utf8')).toBe(page);
  });

  it('gives each setting its default, its rule and what it does, and lists the rules across settings', () => {
    expect(page).toContain('| `lambda.memoryMb` | 512 | a whole number from 128 to 10240 | MB of memory, and CPU in proportion |');
    expect(page).toContain('## `ec2.waf`');
    expect(page).toContain('| `ec2.waf.rateLimitPerFiveMinutes` | 20000 |');
    expect(page).toContain("| `ec2.availabilityZones` | the region's `a` and `b` zones |");
    expect(page).toContain('- `ec2.minInstances` ≤ `ec2.desiredInstances` ≤ `ec2.maxInstances`.');
  });
});
