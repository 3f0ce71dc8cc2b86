import { synthConstructs } from '../../test/synth';
import { KIND_VARIABLE } from '../../deploy-hooks/settings';
import { RolloutHook } from './rollout-hook';

describe('the rollout hook', () => {
  it('runs the bundled deployment hook with node whenever its trigger changes, with each setting in its variable', () => {
    const stack = synthConstructs(
      (scope) =>
        new RolloutHook(scope, 'hook', {
          kind: 'lambda',
          trigger: { version: '7' },
          variables: { region: 'HOOK_REGION' },
          settings: { region: 'eu-west-1' },
          after: [],
        }),
    );
    const data = stack.resource('terraform_data');
    const [exec] = data['provisioner'].map((p: any) => p['local-exec']);

    expect(data['triggers_replace']).toEqual({ version: '7' });
    expect(exec.interpreter).toEqual(['node']);
    expect(exec.command).toMatch(/assets\/.*\.mjs$|assets\/.*\.js$/);
    expect(exec.environment).toEqual({ [KIND_VARIABLE]: 'lambda', HOOK_REGION: 'eu-west-1' });
  });
});
