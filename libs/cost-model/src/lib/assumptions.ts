/**
 * What the model assumes where the environment config says nothing. One
 * place, so docs/cost-advisor.md and the CLI can show them.
 */
export const ASSUMPTIONS = {
  /** Bytes written to CloudWatch Logs per request on Lambda: the app's JSON line and Lambda's START/END/REPORT lines. */
  lambdaLogBytesPerRequest: 550,
  /** API Gateway's JSON access-log line per request. */
  httpApiAccessLogBytesPerRequest: 300,
  /** Bytes of app logs per request on EC2, shipped to CloudWatch Logs by the CloudWatch agent through the logs endpoint. */
  ec2LogBytesPerRequest: 200,
  /** VPC flow log bytes per request: a connection's accepted record each way on the ALB and the instance (about 4 records of 150 bytes per connection). */
  flowLogBytesPerConnection: 600,
  /** Share of requests WAF blocks or counts, and so logs (about 1 KB each): attacks and abusive clients. */
  wafLoggedShare: 0.01,
  wafLogBytesPerRequest: 1000,
  /** One ALB access-log line per request (gzip-compressed about 4:1 in S3). */
  albAccessLogBytesPerRequest: 100,
  /** X-Ray's default sampling: the first request each second, then 5% of the rest. */
  xraySampling: { reservoirPerSecond: 1, rate: 0.05 },
  /** Response headers on top of the body, per response sent to the internet. */
  responseHeaderBytes: 300,
  /** Hours a day the traffic runs at its declared peak; the rest of the day at its average (the shape of the day, for EC2's fleet). */
  peakHoursPerDay: 2,
  /** ALB: requests a client sends per connection, how long a connection stays open, and request size. */
  albRequestsPerConnection: 10,
  albConnectionSeconds: 30,
  albRequestBytes: 500,
  /** Listener rules each request meets; the first 10 are free. */
  albRulesEvaluated: 1,
  /** SSM Session Manager interface endpoints (ssm, ssmmessages, ec2messages), one per zone each. */
  ssmEndpointCount: 3,
  /** GB through the NAT gateway a month, when there is one (packages and the artifact go through S3's gateway endpoint). */
  natGbPerMonth: 5,
} as const;
