import { derivedCapacity, INSTANCE_CPUS, MEASURED_SERVER_THROUGHPUT, sustainedAppCpus } from './instance-capacity';
import { EnvironmentConfigError, validateEnvironments } from './validate-environments';
import type { EnvironmentDeclaration } from './environment';

const bench = { requestsPerCpuSecond: 20_000, measuredOn: '2026-12-01' };
const ec2Env = (ec2: EnvironmentDeclaration['ec2']): EnvironmentDeclaration => ({ name: 'prod', region: 'us-east-1', compute: 'ec2', ...(ec2 ? { ec2 } : {}) });

describe('the capacity one instance serves, derived from the bench', () => {
  it('is the measured rate × the CPU the app keeps × the headroom, worked out by hand per kind of type', () => {
    // t4g.small: 2 vCPUs at a 20% baseline = 0.4 CPU; 20,000 × 0.4 × 0.5.
    expect(derivedCapacity('t4g.small', bench)?.requestsPerSecond).toBe(4_000);
    // t4g.micro: 2 × 10% = 0.2 CPU.
    expect(derivedCapacity('t4g.micro', bench)?.requestsPerSecond).toBe(2_000);
    // m7g.large: 2 full vCPUs, but one Node process runs on one: 1 CPU.
    expect(derivedCapacity('m7g.large', bench)?.requestsPerSecond).toBe(10_000);
    // m7g.medium: 1 vCPU.
    expect(derivedCapacity('m7g.medium', bench)?.requestsPerSecond).toBe(10_000);
  });

  it('states its arithmetic', () => {
    expect(derivedCapacity('t4g.small', bench)?.derivation).toBe(
      '20000 requests per CPU-second (npm run bench, 2026-12-01) × 0.4 CPU (t4g.small: 2 vCPUs at a 20% baseline) × 0.5 headroom = 4000 req/s',
    );
    expect(derivedCapacity('m7g.large', bench)?.derivation).toContain('× 1 CPU (m7g.large: 1 Node process on 2 vCPUs)');
  });

  it('has nothing to say about a type whose CPUs it does not know', () => {
    expect(derivedCapacity('x8g.large', bench)).toBeUndefined();
    expect(sustainedAppCpus('x8g.large')).toBeUndefined();
  });

  it('reads the committed bench record', () => {
    expect(MEASURED_SERVER_THROUGHPUT.requestsPerCpuSecond).toBeGreaterThan(0);
    expect(MEASURED_SERVER_THROUGHPUT.measuredOn).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(Object.keys(INSTANCE_CPUS)).toContain('t4g.small');
  });
});

describe('an environment that does not state its capacity', () => {
  it('takes the derived capacity, and a request-count target of that capacity per minute', () => {
    const [env] = validateEnvironments([ec2Env({ instanceType: 'm7g.large' })]);
    const expected = derivedCapacity('m7g.large')!.requestsPerSecond;

    expect(env!.ec2.capacityRequestsPerSecond).toBe(expected);
    expect(env!.ec2.capacityBasis).toBe(derivedCapacity('m7g.large')!.derivation);
    expect(env!.ec2.scaling).toEqual({ metric: 'requestCountPerTarget', target: expected * 60 });
  });

  it('scaling on CPU, targets the utilization the app reaches at that capacity, averaged over every vCPU as AWS measures it', () => {
    const target = (instanceType: string) => validateEnvironments([ec2Env({ instanceType, scaling: { metric: 'cpuUtilization' } })])[0]!.ec2.scaling;

    // Half of the CPU the app keeps, over the instance's vCPUs: t4g.small 0.4 × 0.5 / 2, m7g.large 1 × 0.5 / 2, m7g.xlarge 1 × 0.5 / 4.
    expect(target('t4g.small')).toEqual({ metric: 'cpuUtilization', target: 10 });
    expect(target('m7g.large').target).toBe(25);
    expect(target('m7g.xlarge').target).toBe(12.5);
    expect(target('m7g.medium').target).toBe(50);
  });

  it('does not blame a scaling target nobody set: a bad capacity gets one message', () => {
    expect(() => validateEnvironments([ec2Env({ capacityRequestsPerSecond: -5 })])).toThrow(
      /^The environment config has 1 problem:\n {2}- environment "prod": ec2\.capacityRequestsPerSecond must be a number above 0 \(got -5\)$/,
    );
    // A bench fast enough to put the derived target past what a person would declare is no problem either.
    expect(() => validateEnvironments([ec2Env({ instanceType: 'm7g.large', capacityRequestsPerSecond: 40_000 })])).not.toThrow();
  });

  it('keeps inherited names out of the CPU table', () => {
    expect(derivedCapacity('constructor', bench)).toBeUndefined();
  });

  it('refuses a declared target that disagrees with the derived capacity, showing the derivation', () => {
    const derived = derivedCapacity('t4g.small')!;
    const target = Math.round((derived.requestsPerSecond * 60) / 3);

    expect(() => validateEnvironments([ec2Env({ scaling: { metric: 'requestCountPerTarget', target } })])).toThrow(
      `ec2.capacityRequestsPerSecond (${derived.requestsPerSecond}, derived: ${derived.derivation}) disagree by 3×`,
    );
  });

  it('cannot be given a default for a type whose CPUs are unknown, and says what to do', () => {
    const refused = () => validateEnvironments([ec2Env({ instanceType: 'x8g.large' })]);

    expect(refused).toThrow(EnvironmentConfigError);
    expect(refused).toThrow(
      /ec2\.capacityRequestsPerSecond has no default for "x8g\.large": its CPUs are not in libs\/environment-config\/src\/lib\/instance-capacity\.ts .*; declare what one instance serves, or add the type there$/m,
    );
    expect(refused).not.toThrow(/scaling\.target/);
  });
});

describe('an environment that states its capacity', () => {
  it('keeps it over the bench, and targets it', () => {
    const [env] = validateEnvironments([ec2Env({ instanceType: 'x8g.large', capacityRequestsPerSecond: 800 })]);

    expect(env!.ec2).toMatchObject({ capacityRequestsPerSecond: 800, capacityBasis: 'declared', scaling: { metric: 'requestCountPerTarget', target: 48_000 } });
  });
});
