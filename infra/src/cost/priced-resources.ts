/**
 * Every resource type the stacks create, and how the cost advisor accounts for
 * it: the line item that prices it (text that line's name contains), or why it
 * costs nothing (or less than a cent a month). A test synthesizes every
 * environment shape and fails on a type missing here, and on a priced type
 * whose line the advisor does not print.
 */
/** The line that prices a resource type (text its name contains, or a pattern it matches), or why the type is free. */
export type PriceAccounting = { line: string | RegExp } | { free: string };

export const PRICED_RESOURCES: Record<string, PriceAccounting> = {
  // Lambda
  aws_lambda_function: { line: 'Lambda requests' },
  aws_lambda_alias: { free: 'an alias costs nothing; its invocations are the function’s' },
  aws_lambda_permission: { free: 'a resource policy statement' },
  aws_lambda_provisioned_concurrency_config: { line: 'Provisioned concurrency' },
  aws_apigatewayv2_api: { line: 'API Gateway HTTP API requests' },
  aws_apigatewayv2_integration: { free: 'billed per request on the API' },
  aws_apigatewayv2_route: { free: 'billed per request on the API' },
  aws_apigatewayv2_stage: { free: 'billed per request on the API; its access log is in the CloudWatch Logs line' },
  aws_apigatewayv2_domain_name: { free: 'custom domain names cost nothing on API Gateway' },
  aws_apigatewayv2_api_mapping: { free: 'part of the custom domain' },
  aws_codedeploy_app: { free: 'CodeDeploy deployments to Lambda are free' },
  aws_codedeploy_deployment_group: { free: 'CodeDeploy deployments to Lambda are free' },
  terraform_data: { free: 'Terraform’s own; nothing in AWS' },
  // Both computes
  aws_iam_role: { free: 'IAM is free' },
  aws_iam_role_policy: { free: 'IAM is free' },
  aws_cloudwatch_log_group: { line: 'CloudWatch Logs ingestion' },
  aws_cloudwatch_metric_alarm: { line: 'CloudWatch alarms' },
  aws_cloudwatch_dashboard: { line: 'CloudWatch dashboard' },
  aws_sns_topic: { free: 'alarm notices: the first million publishes and 1,000 emails a month are free' },
  aws_sns_topic_subscription: { free: 'alarm notices: the first 1,000 emails a month are free' },
  aws_acm_certificate: { free: 'public ACM certificates are free' },
  aws_acm_certificate_validation: { free: 'Terraform waits for validation; nothing in AWS' },
  aws_route53_record: {
    free: 'records in a zone you already pay for; alias queries to AWS resources are free, the validation CNAME’s few queries cost under a cent',
  },
  // EC2
  // The instance-hours line ("EC2 t4g.small: 2 at the average, …"), not "EC2 detailed monitoring".
  aws_autoscaling_group: { line: /^EC2 [\w.]+: / },
  aws_autoscaling_policy: { free: 'target tracking is free; its CloudWatch alarms are AWS-managed and free' },
  aws_launch_template: { free: 'the instances it launches are priced; detailed monitoring in its own line' },
  aws_iam_instance_profile: { free: 'IAM is free' },
  aws_lb: { line: 'Application Load Balancer' },
  aws_lb_listener: { free: 'part of the load balancer’s hours and LCUs' },
  aws_lb_target_group: { free: 'part of the load balancer’s hours and LCUs' },
  aws_wafv2_web_acl: { line: 'WAF web ACL' },
  aws_wafv2_web_acl_association: { free: 'part of the web ACL' },
  aws_wafv2_web_acl_logging_configuration: { line: 'WAF logs' },
  aws_vpc: { free: 'a VPC is free' },
  aws_subnet: { free: 'subnets are free' },
  aws_internet_gateway: { free: 'free; data out is priced in its own line' },
  aws_route_table: { free: 'free' },
  aws_route: { free: 'free' },
  aws_route_table_association: { free: 'free' },
  aws_security_group: { free: 'free' },
  aws_vpc_security_group_ingress_rule: { free: 'free' },
  aws_vpc_security_group_egress_rule: { free: 'free' },
  aws_vpc_endpoint: { line: 'interface endpoints' },
  aws_flow_log: { line: 'VPC flow logs' },
  aws_eip: { line: 'Public IPv4 addresses' },
  aws_nat_gateway: { line: 'NAT gateway' },
  aws_s3_bucket: { line: 'ALB access logs in S3' },
  aws_s3_bucket_policy: { free: 'bucket configuration' },
  aws_s3_bucket_versioning: { free: 'bucket configuration; the versions kept are the artifact’s, about 1 MB each, and expiring logs' },
  aws_s3_bucket_server_side_encryption_configuration: { free: 'SSE-S3 is free' },
  aws_s3_bucket_public_access_block: { free: 'bucket configuration' },
  aws_s3_bucket_ownership_controls: { free: 'bucket configuration' },
  aws_s3_bucket_lifecycle_configuration: { free: 'lifecycle transitions to expiry are free' },
  aws_s3_bucket_logging: { free: 'the artifact bucket’s access logs: a line per instance launch, well under a cent' },
  aws_s3_object: { free: 'the server bundle, about 1 MB a build, 11 kept: under a cent a month' },
};
