// `npx tsx infra/pipeline/wait-for-instance-refresh.ts <group> <region>`: after an EC2
// deploy (Terraform starts the refresh and returns), waits for the refresh and fails
// when it fails or rolls back, so the pipeline stops before the next environment.
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { RefreshFailed, waitForInstanceRefresh } from './instance-refresh';

const [group, region] = process.argv.slice(2);
if (!group || !region) {
  process.stderr.write('usage: wait-for-instance-refresh.ts <auto-scaling-group-name> <region>   (the stack output "autoscaling_group_name")\n');
  process.exit(2);
}
waitForInstanceRefresh(group, {
  autoscaling: new AutoScalingClient({ region }),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  print: (line) => process.stdout.write(`instance refresh: ${line}\n`),
}).catch((error: unknown) => {
  process.stderr.write(`instance refresh: ${error instanceof RefreshFailed ? error.message : `${(error as Error).name}: ${(error as Error).message}`}\n`);
  process.exit(1);
});
