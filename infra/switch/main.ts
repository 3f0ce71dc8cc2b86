import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { resolve } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { ENVIRONMENTS } from '../environments';
import { chosenEnvironments, ENVIRONMENT_OPTIONS, parseCommandLine } from '../src/command-line';
import { stackName } from '../src/greeter-stack';
import { DeployedStack } from './deployed-stack';
import { LoadBalancerTraffic } from './load-balancer-traffic';
import { runSwitch, SwitchError } from './run-switch';
import { switchCostLines } from '../src/cost/switch-cost';

const USAGE = `Usage: npm run switch -- --env NAME [--accept-new-url]

Moves the environment, while it serves, to the compute infra/environments.ts now names for it:
both computes behind its load balancer, requests moved in its computeSwitch.steps while both
computes' alarms are watched, the domain moved only while both front ends serve the same compute,
then the old compute removed (docs/compute-switch.md). Rerun it to resume a switch that stopped.
Build first (npx nx run greeter:build); it deploys with your AWS credentials, like cdktf deploy.

  --env NAME          the environment to switch
  --accept-new-url    go on without a domain, whose URL changes with the compute
  --help              this text`;

async function main(): Promise<number> {
  const io = { out: (text: string) => process.stdout.write(text), err: (text: string) => process.stderr.write(text) };
  const parsed = parseCommandLine(process.argv.slice(2), { ...ENVIRONMENT_OPTIONS, 'accept-new-url': { type: 'boolean', default: false } }, USAGE, io);
  if (!parsed.values) return parsed.exitCode;
  const { values } = parsed;
  if (!values.env && !values.environment) return (io.err(`Name the environment to switch: --env NAME\n${USAGE}\n`), 2);
  const env = chosenEnvironments(ENVIRONMENTS, values, io)?.[0];
  if (!env) return 2;

  const interrupted = new AbortController();
  const stop = () => interrupted.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const say = (line: string) => io.out(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const stack = new DeployedStack(ENVIRONMENTS, env.name, resolve(__dirname, '../../cdktf.out'));
  const clients = { elb: new ElasticLoadBalancingV2Client({ region: env.region }), cloudwatch: new CloudWatchClient({ region: env.region }) };
  try {
    await runSwitch(
      env,
      {
        status: () => stack.status(),
        apply: (shape, options) => stack.apply(shape, options),
        traffic: new LoadBalancerTraffic(clients, stackName(env)),
        sleep: (seconds, signal) => wait(seconds * 1000, undefined, { signal }),
        say,
      },
      { signal: interrupted.signal, acceptNewUrl: values['accept-new-url'], announce: (from) => switchCostLines(env, from).forEach(say) },
    );
    return 0;
  } catch (error) {
    io.err(`${error instanceof SwitchError ? error.message : `switch failed: ${(error as Error).message}`}\n`);
    return 1;
  }
}

main().then((code) => process.exit(code));
