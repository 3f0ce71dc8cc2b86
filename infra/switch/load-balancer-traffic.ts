import { type ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type Listener,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Compute } from '@greeter/environment-config';
import type { Weights } from '../src/compute/stack-shape';
import type { TargetHealth, Traffic } from './traffic';

export interface AwsClients {
  elb: ElasticLoadBalancingV2Client;
  cloudwatch: CloudWatchClient;
  apigw: ApiGatewayV2Client;
}

/**
 * The switch's listener, found by the load balancer's name (`greeter-<env>`): the one whose default action
 * forwards by weight, and its two target groups by target type (lambda, or instance for EC2).
 */
export class LoadBalancerTraffic implements Traffic {
  private found?: { listener: Listener; groups: Record<Compute, string> };

  constructor(
    private readonly clients: AwsClients,
    private readonly stackName: string,
  ) {}

  async weights(): Promise<Weights | undefined> {
    const found = await this.lookUp(true);
    if (!found) return undefined;
    const { listener, groups } = found;
    const byArn = new Map((listener.DefaultActions?.[0]?.ForwardConfig?.TargetGroups ?? []).map((g) => [g.TargetGroupArn, g.Weight ?? 0]));
    return { ec2: byArn.get(groups.ec2) ?? 0, lambda: byArn.get(groups.lambda) ?? 0 };
  }

  async setWeights(weights: Weights): Promise<void> {
    const { listener, groups } = await this.find(false);
    await this.clients.elb.send(
      new ModifyListenerCommand({
        ListenerArn: listener.ListenerArn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: groups.ec2, Weight: weights.ec2 },
                { TargetGroupArn: groups.lambda, Weight: weights.lambda },
              ],
              TargetGroupStickinessConfig: { Enabled: false },
            },
          },
        ],
      }),
    );
  }

  async health(compute: Compute): Promise<TargetHealth> {
    const { groups } = await this.find(false);
    const states = (await this.clients.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: groups[compute] }))).TargetHealthDescriptions ?? [];
    return { healthy: states.filter((s) => s.TargetHealth?.State === 'healthy').length, registered: states.length };
  }

  async alarmsFiring(): Promise<string[]> {
    const firing: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: `${this.stackName}-`, StateValue: 'ALARM', NextToken }));
      // The state is checked here too: the emulator answers every alarm of the prefix (docs/rehearsal.md, "Emulator gaps").
      firing.push(...(page.MetricAlarms ?? []).filter((alarm) => alarm.StateValue === 'ALARM').map((alarm) => alarm.AlarmName!));
      NextToken = page.NextToken;
    } while (NextToken);
    return firing.sort();
  }

  async frontEndExists(compute: Compute): Promise<boolean> {
    if (compute === 'lambda') {
      const apis = await this.clients.apigw.send(new GetApisCommand({}));
      return (apis.Items ?? []).some((api) => api.Name === this.stackName);
    }
    return (await this.loadBalancer()) !== undefined;
  }

  private async loadBalancer() {
    const found = await this.clients.elb.send(new DescribeLoadBalancersCommand({ Names: [this.stackName.slice(0, 32)] })).catch((error: Error) => {
      if (error.name === 'LoadBalancerNotFoundException' || error.name === 'LoadBalancerNotFound') return undefined;
      throw error;
    });
    return found?.LoadBalancers?.[0];
  }

  /** The splitting listener and its two target groups, looked up once (the listener afresh when `fresh`: its weights are what is read). */
  private async find(fresh: boolean): Promise<{ listener: Listener; groups: Record<Compute, string> }> {
    const found = await this.lookUp(fresh);
    if (!found) throw new Error(`${this.stackName}'s load balancer has no listener that forwards to both computes: apply the switch's first step again`);
    return found;
  }

  /** As find, but undefined while no listener splits between the computes (or there is no load balancer yet). */
  private async lookUp(fresh: boolean): Promise<{ listener: Listener; groups: Record<Compute, string> } | undefined> {
    if (this.found && !fresh) return this.found;
    const lb = await this.loadBalancer();
    if (!lb) return undefined;
    const listeners = (await this.clients.elb.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))).Listeners ?? [];
    const listener = listeners.find((l) => (l.DefaultActions?.[0]?.ForwardConfig?.TargetGroups?.length ?? 0) === 2);
    if (!listener) return undefined;
    this.found = { listener, groups: this.found?.groups ?? (await this.groupsOf(listener)) };
    return this.found;
  }

  /** The listener's two target groups, told apart by target type (lambda, or instance for EC2). */
  private async groupsOf(listener: Listener): Promise<Record<Compute, string>> {
    const arns = listener.DefaultActions![0]!.ForwardConfig!.TargetGroups!.map((g) => g.TargetGroupArn!);
    const described = (await this.clients.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: arns }))).TargetGroups ?? [];
    const arnOf = (type: string) => described.find((g) => (g.TargetType ?? 'instance') === type)?.TargetGroupArn ?? '';
    return { ec2: arnOf('instance'), lambda: arnOf('lambda') };
  }
}
