import { flag, satisfying, sectionSetting, setting, wholeNumber } from './rules';

/** Percentages of traffic on the new compute, rising, each 1 to 100, ending at 100: [10, 50, 100]. */
const isSteps = (value: unknown): value is number[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.length <= 10 &&
  value.every((step, i) => Number.isInteger(step) && step >= 1 && step <= 100 && (i === 0 || step > value[i - 1])) &&
  value[value.length - 1] === 100;

/** How `npm run switch` moves the environment's traffic from one compute to the other (docs/compute-switch.md). */
export const computeSwitchSettings = sectionSetting(
  {
    steps: setting(
      satisfying(isSteps, 'a list of 1 to 10 rising whole percentages from 1 to 100, ending at 100, such as [10, 50, 100]'),
      [10, 50, 100],
      'The share of requests on the new compute at each step of a switch',
    ),
    bakeMinutes: setting(wholeNumber(0, 60), 5, "How long each step holds, watching both computes' alarms, before the next"),
    dnsDrainMinutes: setting(
      wholeNumber(1, 60),
      5,
      'How long a switch waits after moving the domain between API Gateway and the load balancer, for resolvers to follow',
    ),
    acceptNewUrl: setting(
      flag(),
      false,
      "Without a domain, let a switch go on although the API's URL changes with the compute (what --accept-new-url says, for CI)",
    ),
  },
  'How a switch between Lambda and EC2 moves traffic',
);
