import { AssetType, DataResource, type ITerraformDependable, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { KIND_VARIABLE } from '../../deploy-hooks/settings';
import { deploymentHook } from '../deploy-hook-bundle';

export interface RolloutHookProps<V extends Record<string, string>> {
  kind: 'lambda' | 'instance-refresh';
  /** What, when it changes, is rolled out again: the published version, the launch template version. */
  trigger: Record<string, string>;
  /** The environment variable that carries each setting (deploy-hooks/settings.ts), and the settings. */
  variables: V;
  settings: Record<keyof V, string>;
  /** What must exist before the rollout starts. */
  after: ITerraformDependable[];
}

/**
 * The deployment hook (deploy-hook-bundle.ts), run by Terraform with `node` whenever the trigger
 * changes: a `terraform_data` resource with a local-exec provisioner, so that
 * `cdktf deploy` (or plain `terraform apply`) starts the rollout, waits for it
 * and fails when it was rolled back. A failed run leaves the resource tainted:
 * the next deploy rolls out the same thing again.
 */
export class RolloutHook<V extends Record<string, string>> extends Construct {
  constructor(scope: Construct, id: string, props: RolloutHookProps<V>) {
    super(scope, id);
    const hook = new TerraformAsset(this, 'script', { path: deploymentHook(), type: AssetType.FILE });
    const environment = Object.fromEntries(Object.entries(props.settings).map(([key, value]) => [props.variables[key as keyof V], value]));
    new DataResource(this, 'rollout', {
      triggersReplace: props.trigger,
      dependsOn: props.after,
      provisioners: [{ type: 'local-exec', interpreter: ['node'], command: hook.path, environment: { [KIND_VARIABLE]: props.kind, ...environment } }],
    });
  }
}
