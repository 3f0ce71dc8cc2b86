import { outputValues, statusFromOutputs } from './deployed-stack';

// What `terraform output -json` prints, as Terraform 1.10 prints it.
const printed = (outputs: Record<string, string>) =>
  JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { sensitive: false, type: 'string', value }])));

describe("a deployed stack's status, from its outputs", () => {
  it('reads the compute of a steady stack', () => {
    expect(statusFromOutputs(outputValues(printed({ compute: 'ec2', url: 'https://api.example.test/' })))).toEqual({ compute: 'ec2', bridge: undefined });
  });

  it('reads a switch under way', () => {
    const compute_switch = JSON.stringify({ from: 'ec2', to: 'lambda', front: 'alb', weights: { ec2: 100, lambda: 0 } });

    expect(statusFromOutputs(outputValues(printed({ compute: 'ec2', compute_switch })))).toEqual({
      compute: 'ec2',
      bridge: { kind: 'bridge', from: 'ec2', to: 'lambda', front: 'alb', weights: { ec2: 100, lambda: 0 } },
    });
  });

  it('reads a stack never applied as not deployed', () => {
    expect(statusFromOutputs(outputValues('{}'))).toEqual({ compute: undefined, bridge: undefined });
  });
});
