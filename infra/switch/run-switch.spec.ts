import { type EnvironmentDeclaration, validateEnvironments } from '@greeter/environment-config';
import type { StackShape, Weights } from '../src/compute/stack-shape';
import { runSwitch, type StackStatus, statusLine, type SwitchOptions, type SwitchPorts } from './run-switch';

const declared = (compute: 'lambda' | 'ec2', more: Partial<EnvironmentDeclaration> = {}) =>
  validateEnvironments([
    { name: 'prod', region: 'us-east-1', compute, domain: { domainName: 'api.example.test', hostedZoneName: 'example.test' }, ...more },
  ])[0]!;

/** A deployed environment as the switch sees it: what the stack's applies leave, the listener's weights, the alarms. */
class FakeEnvironment implements SwitchPorts {
  statusNow: StackStatus;
  live: Weights;
  readonly applied: string[] = [];
  readonly moved: string[] = [];
  slept = 0;
  firing: (weights: Weights) => string[] = () => [];
  healthy = true;
  onSleep: () => void = () => undefined;
  readonly said: string[] = [];

  readonly checkedHealth: string[] = [];
  /** Whether a listener splits between the two computes (not while the first apply has not finished). */
  splitting = true;
  /** The front ends that exist: the deployed compute's, both during a switch. */
  frontEnds: Set<'lambda' | 'ec2'>;

  constructor(compute: 'lambda' | 'ec2') {
    this.statusNow = { compute };
    this.frontEnds = new Set([compute]);
    this.live = compute === 'lambda' ? { ec2: 0, lambda: 100 } : { ec2: 100, lambda: 0 };
  }

  async status() {
    return this.statusNow;
  }
  async apply(shape: StackShape, options?: { replaceOther?: boolean }) {
    if (shape.kind === 'bridge') {
      this.applied.push(`bridge ${shape.front} ${shape.weights.ec2}/${shape.weights.lambda}`);
      this.statusNow = { compute: shape.weights.lambda > shape.weights.ec2 ? 'lambda' : 'ec2', bridge: shape };
      this.live = shape.weights;
      this.frontEnds = new Set(['lambda', 'ec2']);
      return;
    }
    this.applied.push(`steady${options?.replaceOther ? ' replacing the other' : ''}`);
    const compute = this.live.lambda === 100 ? 'lambda' : 'ec2';
    this.statusNow = { compute };
    this.frontEnds = new Set([compute]);
  }
  readonly traffic = {
    weights: async () => (this.splitting ? this.live : undefined),
    setWeights: async (weights: Weights) => {
      this.live = weights;
      this.moved.push(`${weights.ec2}/${weights.lambda}`);
    },
    health: async (compute: 'lambda' | 'ec2') => {
      this.checkedHealth.push(compute);
      return { healthy: this.healthy ? 2 : 0, registered: 2 };
    },
    alarmsFiring: async () => this.firing(this.live),
    frontEndExists: async (compute: 'lambda' | 'ec2') => this.frontEnds.has(compute),
  };
  async sleep(seconds: number, signal?: AbortSignal) {
    this.slept += seconds;
    this.onSleep();
    if (signal?.aborted) throw new Error('aborted');
  }
  say(line: string) {
    this.said.push(line);
  }
}

const switchTo = (compute: 'lambda' | 'ec2', aws: FakeEnvironment, options: SwitchOptions = {}, more?: Partial<EnvironmentDeclaration>) =>
  runSwitch(declared(compute, more), aws, options);

describe('npm run switch', () => {
  it('EC2 → Lambda: both up, requests moved 10/50/100 on the load balancer, the domain moved to API Gateway, then EC2 removed', async () => {
    const aws = new FakeEnvironment('ec2');

    await switchTo('lambda', aws);

    expect(aws.applied).toEqual(['bridge alb 100/0', 'bridge api 0/100', 'steady replacing the other']);
    expect(aws.moved).toEqual(['90/10', '50/50', '0/100']);
    // Three 5-minute bakes, one 5-minute wait for resolvers.
    expect(aws.slept).toBe(4 * 300);
    expect(aws.statusNow).toEqual({ compute: 'lambda' });
  });

  it('Lambda → EC2: the domain moves to the load balancer while Lambda still serves everything, then requests move', async () => {
    const aws = new FakeEnvironment('lambda');

    await switchTo('ec2', aws);

    expect(aws.applied).toEqual(['bridge api 0/100', 'bridge alb 0/100', 'steady replacing the other']);
    expect(aws.moved).toEqual(['10/90', '50/50', '100/0']);
    expect(aws.statusNow).toEqual({ compute: 'ec2' });
  });

  it('returns every request to the old compute when an alarm fires mid-switch, and names it', async () => {
    const aws = new FakeEnvironment('ec2');
    aws.firing = (w) => (w.lambda === 50 ? ['greeter-prod-lambda-errors'] : []);

    await expect(switchTo('lambda', aws)).rejects.toThrow(
      /^greeter-prod-lambda-errors in ALARM at 50% on lambda: every request is back on ec2, which keeps running beside lambda; rerun npm run switch -- --env prod/,
    );
    expect(aws.live).toEqual({ ec2: 100, lambda: 0 });
    expect(aws.applied).toEqual(['bridge alb 100/0']);
    expect(aws.statusNow.compute).toBe('ec2');
  });

  it('returns every request to the old compute when interrupted, and a rerun resumes where the stack is', async () => {
    const aws = new FakeEnvironment('ec2');
    const interrupt = new AbortController();
    aws.onSleep = () => aws.live.lambda === 10 && interrupt.abort();

    await expect(switchTo('lambda', aws, { signal: interrupt.signal })).rejects.toThrow(/^switch interrupted at 10% on lambda: every request is back on ec2/);
    expect(aws.live).toEqual({ ec2: 100, lambda: 0 });

    aws.onSleep = () => undefined;
    await switchTo('lambda', aws);
    expect(aws.statusNow).toEqual({ compute: 'lambda' });
    expect(aws.applied).toEqual(['bridge alb 100/0', 'bridge alb 100/0', 'bridge api 0/100', 'steady replacing the other']);
  });

  it('resumes a switch killed mid-step from the weights on the listener, not from the start', async () => {
    const aws = new FakeEnvironment('ec2');
    aws.statusNow = { compute: 'ec2', bridge: { kind: 'bridge', from: 'ec2', to: 'lambda', front: 'alb', weights: { ec2: 100, lambda: 0 } } };
    aws.live = { ec2: 50, lambda: 50 };

    await switchTo('lambda', aws);

    expect(aws.applied[0]).toBe('bridge alb 50/50');
    expect(aws.moved).toEqual(['0/100']);
  });

  it('resumes after the domain moved without moving it again: only the last apply is left', async () => {
    const aws = new FakeEnvironment('ec2');
    aws.statusNow = { compute: 'lambda', bridge: { kind: 'bridge', from: 'ec2', to: 'lambda', front: 'api', weights: { ec2: 0, lambda: 100 } } };
    aws.live = { ec2: 0, lambda: 100 };

    await switchTo('lambda', aws);

    expect(aws.applied).toEqual(['bridge api 0/100', 'steady replacing the other']);
    expect(aws.moved).toEqual([]);
  });

  it('unwinds a switch when the config names the old compute again: every request back at once, whatever the alarms say, the new compute removed', async () => {
    const aws = new FakeEnvironment('ec2');
    aws.statusNow = { compute: 'lambda', bridge: { kind: 'bridge', from: 'ec2', to: 'lambda', front: 'api', weights: { ec2: 0, lambda: 100 } } };
    aws.live = { ec2: 0, lambda: 100 };
    aws.frontEnds = new Set(['lambda', 'ec2']);
    aws.firing = () => ['greeter-prod-lambda-errors'];

    await switchTo('ec2', aws);

    expect(aws.applied).toEqual(['bridge api 0/100', 'bridge alb 0/100', 'steady replacing the other']);
    expect(aws.moved).toEqual(['100/0']);
    expect(aws.checkedHealth).toContain('lambda');
  });

  it('resumes a first apply that did not finish (no listener splits yet) from where requests are: all on the old compute', async () => {
    const aws = new FakeEnvironment('lambda');
    aws.statusNow = { compute: 'lambda', bridge: { kind: 'bridge', from: 'lambda', to: 'ec2', front: 'api', weights: { ec2: 0, lambda: 100 } } };
    aws.splitting = false;

    await switchTo('ec2', aws);

    expect(aws.applied[0]).toBe('bridge api 0/100');
    expect(aws.statusNow).toEqual({ compute: 'ec2' });
  });

  it('finishes a last apply that did not: the stack says the new compute, but the old one is still there', async () => {
    const aws = new FakeEnvironment('lambda');
    aws.frontEnds = new Set(['lambda', 'ec2']);

    await switchTo('lambda', aws);

    expect(aws.applied).toEqual(['steady replacing the other']);
    expect(aws.moved).toEqual([]);
    expect(aws.frontEnds).toEqual(new Set(['lambda']));
  });

  it('waits for the function to answer behind the load balancer before the domain moves there (Lambda → EC2)', async () => {
    const aws = new FakeEnvironment('lambda');

    await switchTo('ec2', aws);

    expect(aws.checkedHealth.slice(0, 2)).toEqual(['ec2', 'lambda']);
  });

  it('moves nothing when the environment already runs on the compute named, and refuses one never deployed', async () => {
    const aws = new FakeEnvironment('lambda');
    await switchTo('lambda', aws);
    expect(aws.applied).toEqual([]);
    expect(aws.said).toEqual(['greeter-prod already runs on lambda: nothing to switch']);

    aws.statusNow = {};
    await expect(switchTo('ec2', aws)).rejects.toThrow(/^greeter-prod is not deployed yet: deploy it once with npx cdktf deploy greeter-prod/);
  });

  it('refuses, before changing anything, a switch that would change the URL unannounced, or that starts with an alarm firing', async () => {
    const aws = new FakeEnvironment('ec2');
    await expect(switchTo('lambda', aws, {}, { domain: undefined })).rejects.toThrow(
      /has no domain, so its URL .* rerun with --accept-new-url \(in CI: computeSwitch\.acceptNewUrl\)$/,
    );

    aws.firing = () => ['greeter-prod-target-5xx'];
    await expect(switchTo('lambda', aws)).rejects.toThrow(/^greeter-prod-target-5xx is in ALARM: a switch decides by the environment's alarms/);
    expect(aws.applied).toEqual([]);
  });

  it('goes on without a domain when the environment or the command line says the new URL is understood', async () => {
    const declared = new FakeEnvironment('ec2');
    const told = new FakeEnvironment('ec2');

    await switchTo('lambda', declared, {}, { domain: undefined, computeSwitch: { acceptNewUrl: true } });
    await switchTo('lambda', told, { acceptNewUrl: true }, { domain: undefined });

    expect([declared.statusNow, told.statusNow]).toEqual([{ compute: 'lambda' }, { compute: 'lambda' }]);
    // Without a domain nothing waits for resolvers: three 5-minute bakes.
    expect(declared.slept).toBe(3 * 300);
  });

  it('refuses, before changing anything, a switch whose last step could not remove the load balancer, or move a domain whose record is not the stack’s', async () => {
    const aws = new FakeEnvironment('ec2');

    await expect(switchTo('lambda', aws, {}, { ec2: { enableDeletionProtection: true } })).rejects.toThrow(
      /deletion protection on \(ec2\.enableDeletionProtection\).* set ec2\.enableDeletionProtection: false with the compute change/,
    );
    await expect(
      switchTo(
        'lambda',
        aws,
        {},
        { domain: { domainName: 'api.example.test', certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0f6a2c1e-8d1b-4c9e-9a51-3b2f7c4d5e6f' } },
      ),
    ).rejects.toThrow(/domain record is yours \(domain\.certificateArn, no hostedZoneName\)/);
    expect(aws.applied).toEqual([]);
  });

  it('moves no request to a compute whose targets do not become healthy', async () => {
    const aws = new FakeEnvironment('ec2');
    aws.healthy = false;

    await expect(switchTo('lambda', aws, { healthLimitMinutes: { ec2: 1, lambda: 1 } })).rejects.toThrow(
      /^lambda's targets were not all healthy after 1 minutes \(0 of 2\): no request was moved, every one is still on ec2/,
    );
    expect(aws.moved).toEqual([]);
  });

  it('takes the steps and times from the environment', async () => {
    const aws = new FakeEnvironment('ec2');

    await switchTo('lambda', aws, {}, { computeSwitch: { steps: [25, 100], bakeMinutes: 0, dnsDrainMinutes: 1 } });

    expect(aws.moved).toEqual(['75/25', '0/100']);
    expect(aws.slept).toBe(60);
  });

  it('says where requests go, for --status', () => {
    const bridge = { kind: 'bridge', from: 'ec2', to: 'lambda', front: 'alb', weights: { ec2: 100, lambda: 0 } } as const;

    expect(statusLine('greeter-prod', {})).toBe('greeter-prod is not deployed');
    expect(statusLine('greeter-prod', { compute: 'ec2' })).toBe('greeter-prod runs on ec2');
    expect(statusLine('greeter-prod', { compute: 'ec2', bridge }, { ec2: 50, lambda: 50 })).toBe(
      'greeter-prod is switching from ec2 to lambda: ec2 50% / lambda 50%, the domain on the load balancer; rerun the switch to go on',
    );
  });
});
