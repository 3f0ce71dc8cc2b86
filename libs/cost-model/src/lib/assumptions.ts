/**
 * What the model assumes where the environment config says nothing. One
 * place, so the README and the CLI can show them.
 */
export const ASSUMPTIONS = {
  /** Bytes written to CloudWatch Logs per request on Lambda: the app's JSON line and Lambda's START/END/REPORT lines. */
  lambdaLogBytesPerRequest: 550,
  /** API Gateway's JSON access-log line per request. */
  httpApiAccessLogBytesPerRequest: 300,
  /** Bytes of app logs per request on EC2, if shipped to CloudWatch Logs (the CloudWatch agent; the stack keeps them in journald). */
  ec2LogBytesPerRequest: 200,
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
