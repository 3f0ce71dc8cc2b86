import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Environment, otherCompute } from '@greeter/environment-config';
import { setTimeout as wait } from 'node:timers/promises';
import { ENVIRONMENTS } from '../environments';
import { chosenEnvironments, ENVIRONMENT_OPTIONS, parseCommandLine } from '../src/command-line';
import { stackName } from '../src/greeter-stack';
import { DeployedStack } from './deployed-stack';
import { LoadBalancerTraffic } from './load-balancer-traffic';
import { runSwitch, statusLine, SwitchError, switchDue } from './run-switch';
import { switchCostLines } from '../src/cost/switch-cost';

const USAGE = `Usage: npm run switch -- --env NAME [--accept-new-url | --status]

Moves the environment, while it serves, to the compute infra/environments.ts now names for it:
both computes behind its load balancer, requests moved in its computeSwitch.steps while both
computes' alarms are watched, the domain moved only while both front ends serve the same compute,
then the old compute removed (docs/compute-switch.md). Rerun it to resume a switch that stopped.
Build first (npx nx run greeter:build); it deploys with your AWS credentials, like cdktf deploy.

  --env NAME          the environment to switch
  --accept-new-url    go on without a domain, whose URL changes with the compute
  --status            say where the environment's requests go now, and change nothing
  --help              this text`;

async function main(): Promise<number> {
  const io = { out: (text: string) => process.stdout.write(text), err: (text: string) => process.stderr.write(text) };
  const parsed = parseCommandLine(
    process.argv.slice(2),
    { ...ENVIRONMENT_OPTIONS, 'accept-new-url': { type: 'boolean', default: false }, status: { type: 'boolean', default: false } },
    USAGE,
    io,
  );
  if (!parsed.values) return parsed.exitCode;
  const { values } = parsed;
  if (!values.env && !values.environment) return (io.err(`Name the environment to switch: --env NAME\n${USAGE}\n`), 2);
  const env = chosenEnvironments(ENVIRONMENTS, values, io)?.[0];
  if (!env) return 2;

  const stack = new DeployedStack(ENVIRONMENTS, env.name, resolve(__dirname, '../../cdktf.out'));
  const region = { region: env.region };
  const clients = { elb: new ElasticLoadBalancingV2Client(region), cloudwatch: new CloudWatchClient(region), apigw: new ApiGatewayV2Client(region) };
  const traffic = new LoadBalancerTraffic(clients, stackName(env));
  if (values.status)
    return report(io, async () => {
      const status = await stack.status();
      const leftover = status.compute === env.compute && !status.bridge && (await traffic.frontEndExists(otherCompute(env.compute)));
      io.out(
        `${statusLine(stackName(env), status, status.bridge ? await traffic.weights() : undefined)}${leftover ? ', but the other compute is still there: a switch will remove it' : ''}\n`,
      );
      tellCi(env, switchDue(status, env.compute, leftover));
    });

  // Every signal is caught while the switch runs (a second Ctrl-C, or a wrapper passing one on, must not kill it before
  // the requests are back on the old compute); a Terraform apply under way is asked to stop too, so it releases its lock.
  const interrupted = new AbortController();
  const stop = () => {
    interrupted.abort();
    stack.interrupt();
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
  const say = (line: string) => io.out(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  return report(io, () =>
    runSwitch(
      env,
      {
        status: () => stack.status(),
        apply: (shape, options) => stack.apply(shape, options),
        traffic,
        sleep: (seconds, signal) => wait(seconds * 1000, undefined, { signal }),
        say,
      },
      { signal: interrupted.signal, acceptNewUrl: values['accept-new-url'], announce: (from) => switchCostLines(env, from).forEach(say) },
    ),
  );
}

/**
 * In GitHub Actions: whether this deploy is a switch (the step output `due`, which the deploy workflow
 * branches on), and for a switch, what it will do and cost in the job summary the reviewers read.
 */
function tellCi(env: Environment, due: boolean): void {
  if (process.env['GITHUB_OUTPUT']) appendFileSync(process.env['GITHUB_OUTPUT'], `due=${due}\n`);
  if (!due || !process.env['GITHUB_STEP_SUMMARY']) return;
  const from = otherCompute(env.compute);
  const summary = [
    `### This deploy switches ${stackName(env)} from ${from} to ${env.compute}`,
    '',
    "Approved, the deploy job runs `npm run switch`: both computes behind the load balancer, requests moved in steps while both computes' alarms are watched, then the old compute removed ([docs/compute-switch.md](docs/compute-switch.md)).",
    'The switch applies the whole stack as this build makes it, with no saved plan: keep other infrastructure changes out of the build that switches.',
    '',
    '```',
    ...switchCostLines(env, from).map((line) => line.trim()),
    '```',
  ];
  appendFileSync(process.env['GITHUB_STEP_SUMMARY'], `${summary.join('\n')}\n`);
}

/** Runs `work`: 0 when it ends, 1 with its reason in plain words (a SwitchError's own, never a stack trace). */
async function report(io: { err: (text: string) => void }, work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return 0;
  } catch (error) {
    io.err(`${error instanceof SwitchError ? error.message : `switch failed: ${(error as Error).message}`}\n`);
    return 1;
  }
}

main().then((code) => process.exit(code));
