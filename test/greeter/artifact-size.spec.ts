import { statSync } from 'node:fs';
import { LAMBDA_ZIP } from '../support/built-artifacts';

// Bundle sizes are deterministic (the zip has fixed timestamps), so the budget is a plain assertion.
// It is the cold-start goal's: every byte is read and parsed on each cold start.
const LAMBDA_ZIP_BUDGET_BYTES = 250_000;

describe('the Lambda artifact', () => {
  it(`stays within its ${LAMBDA_ZIP_BUDGET_BYTES / 1000} KB size budget`, () => {
    const bytes = statSync(LAMBDA_ZIP).size;

    expect(bytes).toBeLessThanOrEqual(LAMBDA_ZIP_BUDGET_BYTES);
  });
});
