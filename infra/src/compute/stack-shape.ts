import type { Compute } from '@greeter/environment-config';

/** Which front end a domain's record points at: API Gateway (Lambda's) or the load balancer (EC2's, and both computes' during a switch). */
export type Front = 'api' | 'alb';

/** The load balancer's split of requests, in percent: 100 in all. */
export interface Weights {
  ec2: number;
  lambda: number;
}

/**
 * What one environment's stack holds. Steady: the compute its config names. Bridge: both computes while
 * `npm run switch` moves traffic between them (docs/compute-switch.md): the Auto Scaling group's target
 * group and the function's beside it on one load balancer listener, split by weight, and the domain on
 * the front end named.
 */
export type StackShape = { kind: 'steady' } | { kind: 'bridge'; from: Compute; to: Compute; front: Front; weights: Weights };

export const STEADY: StackShape = { kind: 'steady' };

/** Where a compute's own front end is. */
export const frontOf = (compute: Compute): Front => (compute === 'lambda' ? 'api' : 'alb');

/** `percent` of requests on `compute`, the rest on the other. */
export const share = (compute: Compute, percent: number): Weights =>
  compute === 'lambda' ? { ec2: 100 - percent, lambda: percent } : { ec2: percent, lambda: 100 - percent };

/** All requests on one compute. */
export const allOn = (compute: Compute): Weights => share(compute, 100);

/** The compute serving most requests (the old one on a tie): what the stack's `compute` output says is live. */
export const liveCompute = (shape: Extract<StackShape, { kind: 'bridge' }>): Compute =>
  shape.weights[shape.to] > shape.weights[shape.from] ? shape.to : shape.from;
