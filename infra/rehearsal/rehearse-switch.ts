import { GetDomainNameCommand } from '@aws-sdk/client-apigatewayv2';
import { ListHostedZonesByNameCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { type Compute, type Environment, otherCompute } from '@greeter/environment-config';
import { join } from 'node:path';
import { COMPUTE_GUARD_VARIABLE, switchCommand } from '../src/compute/other-compute-guard';
import { allOn, share, type StackShape, type Weights } from '../src/compute/stack-shape';
import { stackName } from '../src/greeter-stack';
import { LAMBDA_ERRORS_ALARM_ID, TARGET_5XX_ALARM_ID } from '../src/operations/golden-signals';
import { statusFromOutputs } from '../switch/deployed-stack';
import { LoadBalancerTraffic } from '../switch/load-balancer-traffic';
import { runSwitch, type SwitchPorts } from '../switch/run-switch';
import type { EmulatorClients } from './aws-clients';
import { setAlarm } from './check-operations';
import type { Check } from './checks';
import type { Synth } from './rehearse-environment';
import { probeResources, type StateResource } from './resource-probes';
import { type StackWorkspace, terraformFailure } from './stack-workspace';

/** What the switch rehearsal deploys with: the environment on a compute in a shape, and clients signed as its deploy role. */
export interface SwitchRehearsal {
  synth(compute: Compute, shape: StackShape): Synth;
  deployAws: EmulatorClients;
}

interface Rehearsed {
  environment: Environment;
  workspace: StackWorkspace;
  aws: EmulatorClients;
  check: Check;
  progress: (line: string) => void;
}

/** What one run of the switch is made to meet: an interruption, or an alarm, once the new compute has this share. */
interface Trouble {
  at: number;
  kind: 'interrupt' | 'alarm';
}

const ALARM_OF: Record<Compute, string> = { lambda: LAMBDA_ERRORS_ALARM_ID, ec2: TARGET_5XX_ALARM_ID };

/**
 * The compute switch, both ways, on an environment with a domain (docs/compute-switch.md): a plain deploy on
 * the other compute refused at plan; the switch there interrupted at its first step and resumed; the switch
 * back stopped by an alarm at its second step, then rerun. The listener's weights are read back after every
 * move, the domain's record after every switch, and the old compute's resources checked after each stop.
 */
export async function rehearseComputeSwitch(r: Rehearsed, s: SwitchRehearsal): Promise<StateResource[]> {
  const start = r.environment.compute;
  await plainDeployRefused(r, s, otherCompute(start));
  const steps = r.environment.computeSwitch.steps;
  await switchTo(r, s, otherCompute(start), { at: steps[0]!, kind: 'interrupt' });
  return switchTo(r, s, start, { at: steps[1] ?? steps[0]!, kind: 'alarm' });
}

async function plainDeployRefused(r: Rehearsed, s: SwitchRehearsal, to: Compute): Promise<void> {
  const before = await r.workspace.state();
  r.workspace.load(join(s.synth(to, { kind: 'steady' }).stacksDir, stackName(r.environment)));
  const refusal = await terraformFailure(r.workspace.apply());
  r.check(
    `a plain deploy on ${to} is refused when Terraform plans, naming the switch command`,
    refusal.includes('Resource postcondition failed') && refusal.includes(switchCommand(r.environment)),
    refusal.slice(-600),
  );
  const missing = await probeResources(r.aws, before);
  r.check(`after the refused deploy all ${before.length} resources still exist`, missing.length === 0, missing.join(', '));
}

/** One switch to `to`, run once into `trouble` and then again to the end. */
async function switchTo(r: Rehearsed, s: SwitchRehearsal, to: Compute, trouble: Trouble): Promise<StateResource[]> {
  const from = otherCompute(to);
  const what = `switch ${from} → ${to}`;
  const moves: string[] = [];
  const env = { ...r.environment, compute: to };
  const interrupt = new AbortController();
  const ports = switchPorts(r, s, to, moves, async (weights) => {
    if (weights[to] !== trouble.at) return;
    if (trouble.kind === 'interrupt') interrupt.abort();
    else await setAlarm(r.aws, r.environment, ALARM_OF[to], 'ALARM');
  });
  const before = await r.workspace.state();

  const stopped = await runSwitch(env, ports, { signal: interrupt.signal, pollSeconds: { health: 1, alarms: 60 } }).then(
    () => 'ran to its end',
    (error: Error) => error.message,
  );
  const expected = trouble.kind === 'interrupt' ? /^switch interrupted at \d+% on / : new RegExp(`^${stackName(env)}-${ALARM_OF[to]} in ALARM at`);
  r.check(
    `${what}: ${trouble.kind === 'interrupt' ? 'interrupted' : 'an alarm'} at ${trouble.at}% stops it, every request back on ${from}`,
    expected.test(stopped) && moves.at(-1) === weightsText(allOn(from)),
    `${stopped}; moves read back: ${moves.join(' → ')}`,
  );
  const outputs = statusFromOutputs(await r.workspace.outputs());
  const oldGone = await probeResources(r.aws, before);
  r.check(
    `${what}: after it stopped, ${from} still serves and keeps all its resources`,
    outputs.compute === from && oldGone.length === 0,
    `${JSON.stringify(outputs)}; missing: ${oldGone.join(', ')}`,
  );
  if (trouble.kind === 'alarm') await setAlarm(r.aws, r.environment, ALARM_OF[to], 'OK');

  moves.length = 0;
  await runSwitch(
    env,
    switchPorts(r, s, to, moves, async () => undefined),
    { pollSeconds: { health: 1, alarms: 60 } },
  );
  const rising = r.environment.computeSwitch.steps.map((percent) => weightsText(share(to, percent)));
  r.check(
    `${what}: rerun, it moves requests in the configured steps, each read back from the listener (${rising.join(' → ')})`,
    moves.join(' → ') === rising.join(' → '),
    moves.join(' → '),
  );
  const after = await r.workspace.state();
  const kept = new Set(after.map((resource) => resource.address));
  const removed = before.filter((resource) => !kept.has(resource.address));
  const stillThere = await probeResources(r.aws, removed, true);
  r.check(`${what}: done, ${from}'s ${removed.length} resources are removed only now`, removed.length > 0 && stillThere.length === 0, stillThere.join(', '));
  await checkDomainOn(r, to);
  return after;
}

/** The switch's ports over the rehearsal's workspace; every move of the weights read back by the rehearsal itself. */
function switchPorts(r: Rehearsed, s: SwitchRehearsal, to: Compute, moves: string[], afterMove: (w: Weights) => Promise<void>): SwitchPorts {
  const name = stackName(r.environment);
  const acting = new LoadBalancerTraffic(s.deployAws, name);
  return {
    status: async () => statusFromOutputs(await r.workspace.outputs()),
    apply: async (shape, options) => {
      r.workspace.load(join(s.synth(to, shape).stacksDir, name));
      await r.workspace.apply(...(options?.replaceOther ? ['-var', `${COMPUTE_GUARD_VARIABLE}=false`] : []));
    },
    traffic: {
      weights: () => acting.weights(),
      health: (compute) => acting.health(compute),
      alarmsFiring: () => acting.alarmsFiring(),
      frontEndExists: (compute) => acting.frontEndExists(compute),
      setWeights: async (weights) => {
        await acting.setWeights(weights);
        const seen = await new LoadBalancerTraffic(r.aws, name).weights();
        moves.push(seen ? weightsText(seen) : 'no split');
        if (seen) await afterMove(seen);
      },
    },
    // The emulator has no clock to wait for: the bake and DNS waits pass at once, an interruption is still seen.
    sleep: async (_seconds, signal) => {
      if (signal?.aborted) throw new Error('interrupted');
    },
    say: r.progress,
  };
}

const weightsText = ({ ec2, lambda }: Weights): string => `${ec2}/${lambda}`;

/** The domain's record, read back from Route 53, aliases the front end of the compute switched to. */
async function checkDomainOn(r: Rehearsed, compute: Compute): Promise<void> {
  const domain = r.environment.domain!;
  const zones = await r.aws.route53.send(new ListHostedZonesByNameCommand({ DNSName: domain.hostedZoneName }));
  const zoneId = zones.HostedZones?.[0]?.Id;
  const records = await r.aws.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
  const alias = records.ResourceRecordSets?.find((record) => record.Type === 'A' && record.Name === `${domain.domainName}.`)?.AliasTarget?.DNSName ?? '';
  const outputs = await r.workspace.outputs();
  const front =
    compute === 'ec2'
      ? String(outputs['alb_dns_name'])
      : ((await r.aws.apigw.send(new GetDomainNameCommand({ DomainName: domain.domainName }))).DomainNameConfigurations?.[0]?.ApiGatewayDomainName ?? '');
  r.check(
    `the domain's record aliases ${compute === 'ec2' ? 'the load balancer' : "API Gateway's domain"} (read back from Route 53)`,
    front !== '' && alias.replace(/\.$/, '').toLowerCase() === front.replace(/\.$/, '').toLowerCase(),
    `${alias} vs ${front}`,
  );
}
