import { DataAwsApigatewayv2Apis } from '@cdktf/provider-aws/lib/data-aws-apigatewayv2-apis';
import { DataAwsLbs } from '@cdktf/provider-aws/lib/data-aws-lbs';
import type { Environment } from '@greeter/environment-config';
import { Fn, type TerraformStack, TerraformVariable, Token } from 'cdktf';

/** The Terraform variable that turns the guard off: the switch's last apply, which removes the other compute, sets it. */
export const COMPUTE_GUARD_VARIABLE = 'compute_guard';

/** The command that moves an environment to the compute its config names, step by step (docs/compute-switch.md). */
export const switchCommand = (env: Pick<Environment, 'name'>): string => `npm run switch -- --env ${env.name}`;

/**
 * Stops a plain deploy, when Terraform plans it, from replacing the compute an environment runs on:
 * that would destroy one and create the other in one apply, with nothing serving between. Reads
 * whether the other compute's front end exists (the load balancer by the environment's tags, or the
 * HTTP API by name) and fails the plan, before anything changes, with the command that switches instead.
 */
export function otherComputeGuard(stack: TerraformStack, name: string, env: Environment): void {
  const guard = new TerraformVariable(stack, COMPUTE_GUARD_VARIABLE, {
    type: 'bool',
    default: true,
    description: `false lets a deploy replace the other compute in one apply (npm run switch's last step sets it; a replacement drops requests)`,
  });
  const count = Token.asNumber(Fn.conditional(guard.booleanValue, 1, 0));
  const refusal = (other: string) =>
    `${name} runs on ${other}, and this deploy would replace it with ${env.compute} in one apply, dropping requests until the new compute is up. Switch step by step with: ${switchCommand(env)}`;
  if (env.compute === 'lambda') {
    new DataAwsLbs(stack, 'guard-no-ec2-load-balancer', {
      count,
      tags: { app: 'greeter', environment: env.name },
      lifecycle: { postcondition: [{ condition: '${length(self.arns) == 0}', errorMessage: refusal('EC2 (its load balancer exists)') }] },
    });
    return;
  }
  new DataAwsApigatewayv2Apis(stack, 'guard-no-lambda-http-api', {
    count,
    name,
    protocolType: 'HTTP',
    lifecycle: { postcondition: [{ condition: '${length(self.ids) == 0}', errorMessage: refusal('Lambda (its HTTP API exists)') }] },
  });
}
