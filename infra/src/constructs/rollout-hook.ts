import { AssetType, DataResource, type ITerraformDependable, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { KIND_VARIABLE } from '../../deploy-hooks/settings';

export interface RolloutHookProps {
  /** The bundled deployment hook (see deploy-hook-bundle.ts). */
  hookScriptPath: string;
  kind: 'lambda' | 'instance-refresh';
  /** What, when it changes, is rolled out again: the published version, the launch template version. */
  trigger: Record<string, string>;
  /** The hook's settings, by environment variable (deploy-hooks/settings.ts). */
  settings: Record<string, string>;
  /** What must exist before the rollout starts. */
  after: ITerraformDependable[];
}

/**
 * The deployment hook, run by Terraform with `node` whenever the trigger
 * changes: a `terraform_data` resource with a local-exec provisioner, so that
 * `cdktf deploy` (or plain `terraform apply`) starts the rollout, waits for it
 * and fails when it was rolled back. A failed run leaves the resource tainted:
 * the next deploy rolls out the same thing again.
 */
export class RolloutHook extends Construct {
  constructor(scope: Construct, id: string, props: RolloutHookProps) {
    super(scope, id);
    const hook = new TerraformAsset(this, 'script', { path: props.hookScriptPath, type: AssetType.FILE });
    new DataResource(this, 'rollout', {
      triggersReplace: props.trigger,
      dependsOn: props.after,
      provisioners: [{ type: 'local-exec', interpreter: ['node'], command: hook.path, environment: { [KIND_VARIABLE]: props.kind, ...props.settings } }],
    });
  }
}
