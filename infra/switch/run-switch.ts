import { type Compute, type Environment, otherCompute } from '@greeter/environment-config';
import { allOn, type Front, frontOf, share, type StackShape, type Weights } from '../src/compute/stack-shape';
import { stackName } from '../src/greeter-stack';
import { switchCommand } from '../src/compute/other-compute-guard';
import { describeWeights, type Traffic } from './traffic';

export type BridgeShape = Extract<StackShape, { kind: 'bridge' }>;

/** What the stack says of itself after its last apply (its outputs). */
export interface StackStatus {
  /** The compute serving most requests; undefined when the environment was never deployed. */
  compute?: Compute;
  /** Set while both computes run. */
  bridge?: BridgeShape;
}

/** What a switch acts through: the stack's applies, the load balancer, the clock and the terminal. */
export interface SwitchPorts {
  status(): Promise<StackStatus>;
  /** Applies the stack in this shape; `replaceOther` turns off the guard against removing the other compute (the last apply). */
  apply(shape: StackShape, options?: { replaceOther?: boolean }): Promise<void>;
  traffic: Traffic;
  /** Waits, or rejects as soon as `signal` aborts. */
  sleep(seconds: number, signal?: AbortSignal): Promise<void>;
  say(line: string): void;
}

export interface SwitchOptions {
  /** Aborted by Ctrl-C or a CI time-out: traffic returns to the old compute and the switch stops, to be resumed by a rerun. */
  signal?: AbortSignal;
  /** Without a domain, the URL changes with the front end: the switch goes on only when told that is understood. */
  acceptNewUrl?: boolean;
  /** Told once the switch is to go ahead, from which compute: what it will cost and take. */
  announce?: (from: Compute) => void;
  pollSeconds?: { health: number; alarms: number };
  healthLimitMinutes?: Record<Compute, number>;
}

/** A switch that stopped: the message says where traffic is and what to do. */
export class SwitchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SwitchError';
  }
}

/** Alarms seen in ALARM while requests were split. */
class AlarmsFiring extends Error {
  constructor(readonly names: string[]) {
    super(`${names.join(', ')} in ALARM`);
  }
}

/** Whether the deploy of `compute` is a switch: the environment runs the other, is between the two, or still has the other's front end. */
export const switchDue = (status: StackStatus, compute: Compute, otherFrontEndExists: boolean): boolean =>
  Boolean(status.bridge) || (status.compute !== undefined && (status.compute !== compute || otherFrontEndExists));

/** Where an environment's requests go, for `npm run switch -- --status`: its outputs, and the listener's weights during a switch. */
export function statusLine(name: string, status: StackStatus, weights?: Weights): string {
  if (!status.compute) return `${name} is not deployed`;
  if (!status.bridge) return `${name} runs on ${status.compute}`;
  const { from, to, front } = status.bridge;
  return `${name} is switching from ${from} to ${to}: ${weights ? describeWeights(weights) : 'weights unknown'}, the domain on ${front === 'api' ? 'API Gateway' : 'the load balancer'}; rerun the switch to go on`;
}

const DEFAULT_POLL = { health: 15, alarms: 30 };
// Instances boot, fetch the build and pass two health checks; the function only needs two health checks.
const DEFAULT_HEALTH_LIMIT: Record<Compute, number> = { ec2: 20, lambda: 5 };

/**
 * Moves an environment to the compute its config names without a dropped request (docs/compute-switch.md):
 * both computes behind the load balancer, the new one healthy, requests moved in the configured steps while
 * both computes' alarms are watched, the domain moved only while both front ends serve the same compute,
 * then the old compute removed. Every run starts from what is deployed, so a rerun resumes an interrupted
 * or rolled-back switch, and a switch back to the old compute (compute set back) unwinds one.
 */
export async function runSwitch(env: Environment, ports: SwitchPorts, options: SwitchOptions = {}): Promise<void> {
  const run = new SwitchRun(env, ports, options);
  await run.start();
}

class SwitchRun {
  private readonly name: string;
  private readonly to: Compute;
  private readonly from: Compute;
  private readonly poll: { health: number; alarms: number };
  private front: Front = 'alb';
  private weights: Weights = { ec2: 0, lambda: 0 };
  private unwinding = false;

  constructor(
    private readonly env: Environment,
    private readonly ports: SwitchPorts,
    private readonly options: SwitchOptions,
  ) {
    this.name = stackName(env);
    this.to = env.compute;
    this.from = otherCompute(env.compute);
    this.poll = options.pollSeconds ?? DEFAULT_POLL;
  }

  async start(): Promise<void> {
    const status = await this.ports.status();
    if (!status.compute)
      throw new SwitchError(`${this.name} is not deployed yet: deploy it once with npx cdktf deploy ${this.name}; a switch moves a running environment`);
    if (!status.bridge && status.compute === this.to) {
      if (await this.ports.traffic.frontEndExists(this.from)) return this.finish(`${this.from} is still there: its removal did not finish`);
      this.ports.say(`${this.name} already runs on ${this.to}: nothing to switch`);
      return;
    }
    // Set back mid-switch: every request returns to the compute that served before, at once and whatever its alarms say.
    this.unwinding = status.bridge?.from === this.to;
    this.refuseWhatCannotFinish();
    if (!this.unwinding) await this.refuseFiringAlarms();
    this.front = status.bridge?.front ?? frontOf(this.from);
    this.weights = (status.bridge && (await this.ports.traffic.weights())) || allOn(this.from);
    const resuming = status.bridge ? ` (${this.unwinding ? 'unwinding' : 'resuming'}: ${describeWeights(this.weights)}, domain on ${this.front})` : '';
    this.ports.say(`${this.name}: switching from ${this.from} to ${this.to}${resuming}`);
    this.options.announce?.(this.from);

    await this.step(`both computes up, every request still where it is (${describeWeights(this.weights)})`, () => this.ports.apply(this.bridge()));
    await this.waitHealthy(this.to);
    // The load balancer splits requests, so it must be the front end while they are split; the domain moves only while both serve Lambda.
    if (this.front === 'api' && this.weights[this.to] < 100) {
      await this.waitHealthy('lambda');
      await this.moveFront('alb');
    }
    await this.shift();
    if (this.front !== frontOf(this.to)) await this.moveFront(frontOf(this.to));
    if (!this.unwinding) await this.refuseFiringAlarms();
    await this.finish(`${this.from} removed; ${this.to} alone`);
  }

  private async finish(what: string): Promise<void> {
    await this.step(what, () => this.ports.apply({ kind: 'steady' }, { replaceOther: true }));
    this.ports.say(`${this.name} runs on ${this.to}`);
  }

  /** What would stop the switch's last apply, refused before its first. */
  private refuseWhatCannotFinish(): void {
    if (this.from === 'ec2' && this.env.ec2.enableDeletionProtection) {
      throw new SwitchError(
        `${this.name}'s load balancer has deletion protection on (ec2.enableDeletionProtection), so the switch could not remove it at its end: set ec2.enableDeletionProtection: false with the compute change (the switch turns it off while EC2 still serves)`,
      );
    }
    this.refuseUnannouncedUrlChange();
  }

  private bridge(): StackShape {
    return { kind: 'bridge', from: this.from, to: this.to, front: this.front, weights: this.weights };
  }

  private async step(what: string, action: () => Promise<void>): Promise<void> {
    this.ports.say(`${this.name}: applying: ${what}`);
    await action();
  }

  /** The domain moves with the front end only when its record is in a zone the stack manages (domain.hostedZoneName). */
  private get movesDns(): boolean {
    return Boolean(this.env.domain?.hostedZoneName);
  }

  private refuseUnannouncedUrlChange(): void {
    if (this.movesDns || this.options.acceptNewUrl || this.env.computeSwitch.acceptNewUrl) return;
    const why = this.env.domain
      ? `${this.name}'s domain record is yours (domain.certificateArn, no hostedZoneName), so the switch cannot move it to the new front end`
      : `${this.name} has no domain, so its URL is its front end's and changes with the switch (API Gateway's for Lambda, the load balancer's for EC2)`;
    throw new SwitchError(
      `${why}: clients of the old address fail once the old compute is removed. Give it a domain in a Route 53 zone the stack manages (docs/compute-switch.md), or rerun with --accept-new-url (in CI: computeSwitch.acceptNewUrl)`,
    );
  }

  private async refuseFiringAlarms(): Promise<void> {
    const firing = await this.ports.traffic.alarmsFiring();
    if (firing.length === 0) return;
    throw new SwitchError(
      `${firing.join(', ')} ${firing.length === 1 ? 'is' : 'are'} in ALARM: a switch decides by the environment's alarms, so it does not start until they are OK`,
    );
  }

  private async watchAlarms(): Promise<void> {
    const firing = await this.ports.traffic.alarmsFiring();
    if (firing.length > 0) throw new AlarmsFiring(firing);
  }

  /** Waits until every registered target of `compute` is healthy; no request moves before. */
  private async waitHealthy(compute: Compute): Promise<void> {
    const limitMinutes = (this.options.healthLimitMinutes ?? DEFAULT_HEALTH_LIMIT)[compute];
    let said = '';
    for (let waited = 0; ; waited += this.poll.health) {
      const { healthy, registered } = await this.ports.traffic.health(compute);
      const line = `${this.name}: ${compute}: ${healthy} of ${registered} targets healthy`;
      if (line !== said) this.ports.say(line);
      said = line;
      if (registered > 0 && healthy === registered) return;
      if (waited >= limitMinutes * 60) {
        throw new SwitchError(
          `${compute}'s targets were not all healthy after ${limitMinutes} minutes (${healthy} of ${registered}): no request was moved, every one is still on ${this.from}. See the target group's health in the console, then rerun ${switchCommand(this.env)}`,
        );
      }
      await this.ports.sleep(this.poll.health, this.options.signal);
    }
  }

  /** Points the domain at the other front end, then waits for resolvers to follow. */
  private async moveFront(front: Front): Promise<void> {
    this.front = front;
    await this.step(`the domain on ${front === 'api' ? 'API Gateway' : 'the load balancer'}`, () => this.ports.apply(this.bridge()));
    if (!this.movesDns) return;
    this.ports.say(
      `${this.name}: waiting ${this.env.computeSwitch.dnsDrainMinutes} min for resolvers to follow the domain (both front ends serve the same compute)`,
    );
    await this.ports.sleep(this.env.computeSwitch.dnsDrainMinutes * 60, this.options.signal);
  }

  /** Moves requests to the new compute step by step; an alarm or an interruption returns every one to the old. */
  private async shift(): Promise<void> {
    const steps = (this.unwinding ? [100] : this.env.computeSwitch.steps).filter((percent) => percent > this.weights[this.to]);
    try {
      for (const percent of steps) {
        if (this.unwinding) {
          this.weights = allOn(this.to);
          await this.ports.traffic.setWeights(this.weights);
          this.ports.say(`${this.name}: ${describeWeights(this.weights)}: back where it was before the switch`);
          continue;
        }
        await this.watchAlarms();
        this.weights = share(this.to, percent);
        await this.ports.traffic.setWeights(this.weights);
        this.ports.say(`${this.name}: ${describeWeights(this.weights)}; holding ${this.env.computeSwitch.bakeMinutes} min, watching both computes' alarms`);
        await this.bake();
      }
    } catch (error) {
      // Unwinding moves every request to the compute that served before the switch: nothing to return to.
      if (this.unwinding) throw error;
      const at = `${this.weights[this.to]}% on ${this.to}`;
      this.weights = allOn(this.from);
      await this.ports.traffic.setWeights(this.weights);
      const where = `every request is back on ${this.from}, which keeps running beside ${this.to}`;
      const next = `rerun ${switchCommand(this.env)} to try again, or set compute: '${this.from}' and run it to remove ${this.to}`;
      // No apply here: with an alarm in ALARM, the apply's own rollouts would stop on it too.
      if (error instanceof AlarmsFiring) throw new SwitchError(`${error.message} at ${at}: ${where}; ${next}`);
      if (this.options.signal?.aborted) throw new SwitchError(`switch interrupted at ${at}: ${where}; ${next}`);
      throw error;
    }
  }

  /** Holds a step for its bake time, looking at the alarms as often as the poll allows. */
  private async bake(): Promise<void> {
    let left = this.env.computeSwitch.bakeMinutes * 60;
    do {
      const wait = Math.min(this.poll.alarms, left);
      if (wait > 0) await this.ports.sleep(wait, this.options.signal);
      left -= wait;
      await this.watchAlarms();
    } while (left > 0);
  }
}
