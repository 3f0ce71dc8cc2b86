import { compareComputes, type ComputeCost } from '@greeter/cost-model';
import { type Environment, validateEnvironments } from '@greeter/environment-config';
import { ENVIRONMENTS } from '../../environments';

/**
 * Every line of every shipped environment's estimate, against figures worked
 * out here by hand: the prices as AWS's pricing pages give them (not read from
 * the table), and the quantities from the declared traffic and the model's
 * stated assumptions (libs/cost-model/src/lib/assumptions.ts). A price, a
 * quantity or a line that changes fails here, naming the line.
 */

const HOURS = 730;
const SECONDS = HOURS * 3600;
// The assumptions, per request: log bytes on Lambda (app + platform lines, then API Gateway's access log), on EC2,
// response headers, flow-log bytes per connection of 10 requests, ALB access-log bytes kept 90 days, WAF's logged 1% of 1 KB.
const LAMBDA_LOG_BYTES = 550 + 300;
const EC2_LOG_BYTES = 200;
const RESPONSE_BYTES = 800 + 300;
const FLOW_LOG_BYTES = 600 / 10;
const ACCESS_LOG_BYTES_KEPT = 100 * (90 / 30);
const WAF_LOG_BYTES = 0.01 * 1000;
/** ALB LCUs at a steady rate: 25 new connections/s, 3,000 active, 1 GB/h each make one; the busiest dimension is billed. */
const lcus = (rps: number) => Math.max(rps / 10 / 25, ((rps / 10) * 30) / 3000, (rps * (500 + 800) * 3600) / 1e9);
/** X-Ray's default sampling on even traffic: the first request each second, then 5% of the rest. */
const traces = (rps: number) => Math.min(rps, 1) + Math.max(rps - 1, 0) * 0.05;

type Expected = [item: string, quantity: number, unitPriceUsd: number];

const environments = validateEnvironments(ENVIRONMENTS);
const estimate = (name: string) => {
  const environment = environments.find((e) => e.name === name) as Environment;
  return compareComputes(environment, environment.traffic!, { today: new Date('2026-12-01T00:00:00Z') });
};

function expectLines(cost: ComputeCost, expected: Expected[]): void {
  expect(cost.lines.map((l) => l.item)).toEqual(expected.map(([item]) => item));
  expected.forEach(([item, quantity, price], i) => {
    const actual = cost.lines[i]!;
    expect({ item, quantity: Number(actual.quantity.toPrecision(10)), price: actual.unitPriceUsd }).toEqual({
      item,
      quantity: Number(quantity.toPrecision(10)),
      price,
    });
    expect({ item, usd: actual.monthlyUsd }).toEqual({ item, usd: Math.round(quantity * price * 100 + 1e-9) / 100 });
  });
  const sum = expected.reduce((total, [, quantity, price]) => total + Math.round(quantity * price * 100 + 1e-9) / 100, 0);
  expect(cost.totalUsd).toBeCloseTo(sum, 10);
}

describe('dev (us-east-1, 0.5 req/s on average, 5 at the peak, 15 ms, 800 bytes)', () => {
  const requests = 0.5 * SECONDS; // 1,314,000
  const { lambda, ec2 } = estimate('dev');

  it('Lambda: $12.46 a month', () => {
    expectLines(lambda, [
      ['Lambda requests', requests / 1e6, 0.2],
      ['Lambda duration (arm64)', requests * 0.015 * 0.5, 0.0000133334],
      ['API Gateway HTTP API requests', requests / 1e6, 1.0],
      ['CloudWatch Logs ingestion', (requests * LAMBDA_LOG_BYTES) / 1e9, 0.5],
      ['X-Ray traces (default sampling)', (traces(0.5) * SECONDS) / 1e6, 5.0],
      ['CloudWatch alarms (5)', 5, 0.1],
      ['CloudWatch dashboard', 1, 3.0],
      ['Data transfer out to the internet', (requests * RESPONSE_BYTES) / 1e9, 0.09],
    ]);
    expect(lambda.totalUsd).toBe(12.46);
  });

  it('EC2: one t4g.small, $109.75 a month, most of it the ALB and the endpoints', () => {
    expectLines(ec2, [
      ['EC2 t4g.small: 1 at the average, 1 at the peak (2 h a day)', HOURS, 0.0168],
      ['EBS gp3 root volumes (8 GB × 1.00 on average)', 8, 0.08],
      ['Application Load Balancer', HOURS, 0.0225],
      ['ALB capacity (0.002 LCU on average)', lcus(0.5) * HOURS, 0.008],
      ['Public IPv4 addresses (2)', 2 * HOURS, 0.005],
      ['CloudWatch Logs interface endpoints (1 × 2 zones)', 2 * HOURS, 0.01],
      ['CloudWatch Logs interface endpoint data', (requests * EC2_LOG_BYTES) / 1e9, 0.01],
      ['SSM interface endpoints (3 × 2 zones)', 3 * 2 * HOURS, 0.01],
      ['CloudWatch Logs ingestion (app logs)', (requests * EC2_LOG_BYTES) / 1e9, 0.5],
      ['EC2 detailed monitoring (7 metrics × 1.00 instances on average)', 7, 0.3],
      ['VPC flow logs', (requests * FLOW_LOG_BYTES) / 1e9, 0.5],
      ['ALB access logs in S3 (90 days kept)', (requests * ACCESS_LOG_BYTES_KEPT) / 1e9, 0.023],
      ['WAF web ACL and rules (1 + 3)', 1, 5 + 3 * 1],
      ['WAF requests', requests / 1e6, 0.6],
      ['WAF logs (blocked and counted requests)', (requests * WAF_LOG_BYTES) / 1e9, 0.5],
      ['CloudWatch alarms (5)', 5, 0.1],
      ['CloudWatch dashboard', 1, 3.0],
      ['Data transfer out to the internet', (requests * RESPONSE_BYTES) / 1e9, 0.09],
    ]);
    expect(ec2.totalUsd).toBe(109.75);
  });
});

describe('staging (eu-west-1, 2 req/s on average, 20 at the peak)', () => {
  const requests = 2 * SECONDS; // 5,256,000
  const { lambda, ec2 } = estimate('staging');

  it('Lambda (1 GB): $28.30 a month at eu-west-1’s HTTP API and log prices', () => {
    expectLines(lambda, [
      ['Lambda requests', requests / 1e6, 0.2],
      ['Lambda duration (arm64)', requests * 0.015 * 1, 0.0000133334],
      ['API Gateway HTTP API requests', requests / 1e6, 1.11],
      ['CloudWatch Logs ingestion', (requests * LAMBDA_LOG_BYTES) / 1e9, 0.57],
      ['X-Ray traces (default sampling)', (traces(2) * SECONDS) / 1e6, 5.0],
      ['CloudWatch alarms (5)', 5, 0.1],
      ['CloudWatch dashboard', 1, 3.0],
      ['Data transfer out to the internet', (requests * RESPONSE_BYTES) / 1e9, 0.09],
    ]);
    expect(lambda.totalUsd).toBe(28.3);
  });

  it('EC2: two t4g.small at eu-west-1’s prices, $138.49 a month', () => {
    expectLines(ec2, [
      ['EC2 t4g.small: 2 at the average, 2 at the peak (2 h a day)', 2 * HOURS, 0.0184],
      ['EBS gp3 root volumes (8 GB × 2.00 on average)', 16, 0.088],
      ['Application Load Balancer', HOURS, 0.0252],
      ['ALB capacity (0.009 LCU on average)', lcus(2) * HOURS, 0.008],
      ['Public IPv4 addresses (2)', 2 * HOURS, 0.005],
      ['CloudWatch Logs interface endpoints (1 × 2 zones)', 2 * HOURS, 0.011],
      ['CloudWatch Logs interface endpoint data', (requests * EC2_LOG_BYTES) / 1e9, 0.01],
      ['SSM interface endpoints (3 × 2 zones)', 3 * 2 * HOURS, 0.011],
      ['CloudWatch Logs ingestion (app logs)', (requests * EC2_LOG_BYTES) / 1e9, 0.57],
      ['EC2 detailed monitoring (7 metrics × 2.00 instances on average)', 14, 0.3],
      ['VPC flow logs', (requests * FLOW_LOG_BYTES) / 1e9, 0.57],
      ['ALB access logs in S3 (90 days kept)', (requests * ACCESS_LOG_BYTES_KEPT) / 1e9, 0.023],
      ['WAF web ACL and rules (1 + 3)', 1, 8],
      ['WAF requests', requests / 1e6, 0.6],
      ['WAF logs (blocked and counted requests)', (requests * WAF_LOG_BYTES) / 1e9, 0.57],
      ['CloudWatch alarms (5)', 5, 0.1],
      ['CloudWatch dashboard', 1, 3.0],
      ['Data transfer out to the internet', (requests * RESPONSE_BYTES) / 1e9, 0.09],
    ]);
    expect(ec2.totalUsd).toBe(138.49);
  });
});

describe('prod (us-east-1, 150 req/s on average, 900 at the peak)', () => {
  const requests = 150 * SECONDS; // 394,200,000
  const { lambda, ec2 } = estimate('prod');

  it('Lambda (1 GB, 5 provisioned, 200 reserved): $874.61 a month; 2.25 requests in flight fit the provisioned 5', () => {
    expectLines(lambda, [
      ['Lambda requests', requests / 1e6, 0.2],
      ['Lambda duration on provisioned concurrency (arm64)', requests * 0.015 * 1, 0.0000077778],
      ['Provisioned concurrency (5)', 5 * 1 * SECONDS, 0.0000033334],
      ['API Gateway HTTP API requests', 300, 1.0],
      ['API Gateway HTTP API requests (over 300 million)', requests / 1e6 - 300, 0.9],
      ['CloudWatch Logs ingestion', (requests * LAMBDA_LOG_BYTES) / 1e9, 0.5],
      ['X-Ray traces (default sampling)', (traces(150) * SECONDS) / 1e6, 5.0],
      // The golden five and reserved-concurrency use.
      ['CloudWatch alarms (6)', 6, 0.1],
      ['CloudWatch dashboard', 1, 3.0],
      ['Data transfer out to the internet', (requests * RESPONSE_BYTES) / 1e9, 0.09],
    ]);
    expect(lambda.totalUsd).toBe(874.61);
  });

  it('EC2: three m7g.large (its minimum carries the peak), $616.93 a month', () => {
    expectLines(ec2, [
      ['EC2 m7g.large: 3 at the average, 3 at the peak (2 h a day)', 3 * HOURS, 0.0816],
      ['EBS gp3 root volumes (8 GB × 3.00 on average)', 24, 0.08],
      ['Application Load Balancer', HOURS, 0.0225],
      ['ALB capacity (0.702 LCU on average)', lcus(150) * HOURS, 0.008],
      ['Public IPv4 addresses (2)', 2 * HOURS, 0.005],
      ['CloudWatch Logs interface endpoints (1 × 2 zones)', 2 * HOURS, 0.01],
      ['CloudWatch Logs interface endpoint data', (requests * EC2_LOG_BYTES) / 1e9, 0.01],
      ['SSM interface endpoints (3 × 2 zones)', 3 * 2 * HOURS, 0.01],
      ['CloudWatch Logs ingestion (app logs)', (requests * EC2_LOG_BYTES) / 1e9, 0.5],
      ['EC2 detailed monitoring (7 metrics × 3.00 instances on average)', 21, 0.3],
      ['VPC flow logs', (requests * FLOW_LOG_BYTES) / 1e9, 0.5],
      ['ALB access logs in S3 (90 days kept)', (requests * ACCESS_LOG_BYTES_KEPT) / 1e9, 0.023],
      ['WAF web ACL and rules (1 + 3)', 1, 8],
      ['WAF requests', requests / 1e6, 0.6],
      ['WAF logs (blocked and counted requests)', (requests * WAF_LOG_BYTES) / 1e9, 0.5],
      ['CloudWatch alarms (5)', 5, 0.1],
      ['CloudWatch dashboard', 1, 3.0],
      ['Data transfer out to the internet', (requests * RESPONSE_BYTES) / 1e9, 0.09],
    ]);
    expect(ec2.totalUsd).toBe(616.93);
  });
});
