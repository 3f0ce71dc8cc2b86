import type { Compute } from '@greeter/environment-config';

/** Dollars and cents, as the reports print them: $1,234.56. */
export const formatUsd = (value: number): string => `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A monthly request volume in words: 119 million, 1.20 billion, 45,000. */
export const formatVolume = (requests: number): string =>
  requests >= 1e9
    ? `${(requests / 1e9).toPrecision(3)} billion`
    : requests >= 1e6
      ? `${(requests / 1e6).toPrecision(3)} million`
      : `${Math.round(requests).toLocaleString('en-US')}`;

/** The compute's name as a sentence writes it. */
export const computeName = (compute: Compute): string => (compute === 'lambda' ? 'Lambda' : 'EC2');

/** The compute an environment did not choose. */
