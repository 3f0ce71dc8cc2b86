import type { Compute, Environment } from '@greeter/environment-config';
import { costsAt, formatUsd } from '@greeter/cost-model';

const HOURS_PER_MONTH = 730;
// Until the new compute serves: instances boot and pass their checks after the group's grace period; a function is up in minutes.
const PROVISIONING_MINUTES: Record<Compute, (env: Environment) => number> = {
  ec2: (env) => 10 + env.ec2.healthCheckGracePeriodSeconds / 60,
  lambda: () => 3,
};

/** How long a switch to `env.compute` takes with the environment's steps: provisioning, each step's bake, the wait for resolvers. */
export function switchMinutes(env: Environment): number {
  const { steps, bakeMinutes, dnsDrainMinutes } = env.computeSwitch;
  return Math.ceil(PROVISIONING_MINUTES[env.compute](env) + steps.length * bakeMinutes + (env.domain ? dnsDrainMinutes : 0));
}

/**
 * What a switch prints before it starts: the monthly estimate on each compute at the declared traffic, and
 * what running both costs for the switch's duration (at most both computes' full monthly rate for those hours).
 */
export function switchCostLines(env: Environment, from: Compute): string[] {
  const minutes = switchMinutes(env);
  const duration = `about ${minutes} min (${env.computeSwitch.steps.join('/')}% steps of ${env.computeSwitch.bakeMinutes} min${env.domain ? `, ${env.computeSwitch.dnsDrainMinutes} min for DNS` : ''})`;
  if (!env.traffic) return [`  duration: ${duration}`, '  cost: no traffic declared; declare `traffic` to see both computes priced (npm run cost)'];
  const costs = costsAt(env, env.traffic);
  const both = ((costs.lambda.totalUsd + costs.ec2.totalUsd) * minutes) / 60 / HOURS_PER_MONTH;
  return [
    `  duration: ${duration}`,
    `  monthly estimate at the declared traffic: ${formatUsd(costs[from].totalUsd)} on ${from} before, ${formatUsd(costs[env.compute].totalUsd)} on ${env.compute} after`,
    `  the switch itself: at most ${formatUsd(both)} while both run`,
  ];
}
