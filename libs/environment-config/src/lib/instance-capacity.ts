import measured from './measured-server-throughput.json';

/**
 * What one EC2 instance serves by default, derived from the bench rather than
 * guessed: the greeter's measured requests per CPU-second, times the CPU one
 * instance gives the app for as long as it likes, times a headroom.
 */

export interface MeasuredThroughput {
  requestsPerCpuSecond: number;
  measuredOn: string;
}

/** The latest `npm run bench` result, as committed. */
export const MEASURED_SERVER_THROUGHPUT: MeasuredThroughput = measured;

/**
 * The share of that CPU an instance runs at when the group is at its scaling
 * target: room for bursts before the group has scaled out (a few minutes),
 * garbage collection, the CloudWatch agent, and a bench machine that is not
 * the instance's CPU. The default CPU-utilization target follows from it (cpuTargetPercent).
 */
export const CAPACITY_HEADROOM = 0.5;

/** The unit starts one Node process per instance (infra/src/ec2/install-greeter.sh); it runs JavaScript on one CPU. */
export const SERVER_PROCESSES_PER_INSTANCE = 1;

/**
 * vCPUs, and for burstable types the baseline share of each vCPU they may use
 * without spending credits (AWS: "Key concepts and definitions for burstable
 * performance instances"; T4g/T3 run "unlimited" by default, and CPU above the
 * baseline is billed as surplus credits, which the cost advisor does not price).
 */
export const INSTANCE_CPUS: Record<string, { vcpus: number; baselinePerVcpu?: number }> = {
  't4g.micro': { vcpus: 2, baselinePerVcpu: 0.1 },
  't4g.small': { vcpus: 2, baselinePerVcpu: 0.2 },
  't4g.medium': { vcpus: 2, baselinePerVcpu: 0.2 },
  't4g.large': { vcpus: 2, baselinePerVcpu: 0.3 },
  't3.small': { vcpus: 2, baselinePerVcpu: 0.2 },
  't3.medium': { vcpus: 2, baselinePerVcpu: 0.2 },
  'm7g.medium': { vcpus: 1 },
  'm7g.large': { vcpus: 2 },
  'm7g.xlarge': { vcpus: 4 },
  'c7g.large': { vcpus: 2 },
  'm7i.large': { vcpus: 2 },
};

export interface DerivedCapacity {
  requestsPerSecond: number;
  /** The arithmetic, in words, for docs/cost-advisor.md and the cost advisor. */
  derivation: string;
}

const cpusOf = (instanceType: string) => (Object.hasOwn(INSTANCE_CPUS, instanceType) ? INSTANCE_CPUS[instanceType] : undefined);

/** CPU-seconds per second the app can use on an instance type, for as long as it runs. */
export function sustainedAppCpus(instanceType: string): number | undefined {
  const cpu = cpusOf(instanceType);
  if (!cpu) return undefined;
  return Math.min(SERVER_PROCESSES_PER_INSTANCE, cpu.vcpus * (cpu.baselinePerVcpu ?? 1));
}

/**
 * The CPU-utilization target (percent) at which an instance serves its derived capacity. AWS averages
 * CPUUtilization over all the instance's vCPUs, while the app runs on the CPU it keeps: at half of that,
 * a t4g.small (0.4 of 2 vCPUs) is at 10%, an m7g.large (1 of 2) at 25%, an m7g.medium at 50%. For a type
 * with no CPU figures, the headroom itself.
 */
export function cpuTargetPercent(instanceType: string): number {
  const cpu = cpusOf(instanceType);
  const kept = sustainedAppCpus(instanceType);
  if (!cpu || kept === undefined) return CAPACITY_HEADROOM * 100;
  return Number(((kept * CAPACITY_HEADROOM * 100) / cpu.vcpus).toFixed(1));
}

/** The default requests per second one instance of this type serves at its scaling target, or undefined for a type with no CPU figures. */
export function derivedCapacity(instanceType: string, throughput: MeasuredThroughput = MEASURED_SERVER_THROUGHPUT): DerivedCapacity | undefined {
  const cpus = sustainedAppCpus(instanceType);
  const cpu = cpusOf(instanceType);
  if (cpus === undefined || !cpu) return undefined;
  const requestsPerSecond = Math.floor(throughput.requestsPerCpuSecond * cpus * CAPACITY_HEADROOM);
  const why = cpu.baselinePerVcpu
    ? `${cpu.vcpus} vCPUs at a ${Math.round(cpu.baselinePerVcpu * 100)}% baseline`
    : `${SERVER_PROCESSES_PER_INSTANCE} Node process on ${cpu.vcpus} vCPU${cpu.vcpus === 1 ? '' : 's'}`;
  return {
    requestsPerSecond,
    derivation: `${throughput.requestsPerCpuSecond} requests per CPU-second (npm run bench, ${throughput.measuredOn}) × ${Number(cpus.toFixed(2))} CPU (${instanceType}: ${why}) × ${CAPACITY_HEADROOM} headroom = ${requestsPerSecond} req/s`,
  };
}
