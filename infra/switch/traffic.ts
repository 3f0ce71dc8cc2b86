import type { Compute } from '@greeter/environment-config';
import type { Weights } from '../src/compute/stack-shape';

/** Healthy targets of one compute's target group, out of all registered. */
export interface TargetHealth {
  healthy: number;
  registered: number;
}

/** What a switch reads and moves while both computes run behind the load balancer. */
export interface Traffic {
  /** The listener's split now; undefined while no listener splits between the two (the first apply did not finish). */
  weights(): Promise<Weights | undefined>;
  /** Moves the split: takes effect for the next request. */
  setWeights(weights: Weights): Promise<void>;
  health(compute: Compute): Promise<TargetHealth>;
  /** The environment's alarms in ALARM (either compute's), by name. */
  alarmsFiring(): Promise<string[]>;
  /** Whether a compute's front end (its load balancer, or its HTTP API) exists: after a switch, the old one must not. */
  frontEndExists(compute: Compute): Promise<boolean>;
}

/** "ec2 90% / lambda 10%". */
export const describeWeights = (w: Weights): string => `ec2 ${w.ec2}% / lambda ${w.lambda}%`;
