import { DEPLOY_CALLS } from '../security/deploy-calls';
import type { Check } from './checks';
import type { CallSeen } from './emulator';
import { deployKey } from './emulator-override';

/** A call as the list of deploy calls names it: the service it is signed for, and its operation. */
export const callName = (call: Pick<CallSeen, 'service' | 'operation'>): string => `${call.service}:${call.operation}`;

/**
 * Holds the calls the environments' deploys made (signed with their deploy keys) to the list in
 * infra/security/deploy-calls.ts, which deploy-roles.spec.ts simulates against each deploy role: a call
 * missing from it is a permission nobody has checked, and would first fail in a real deploy.
 */
export function checkDeployCalls(calls: CallSeen[], environments: string[], check: Check): void {
  const keys = new Set(environments.map(deployKey));
  const made = [...new Set(calls.filter((c) => keys.has(c.key)).map(callName))].sort();
  const unlisted = made.filter((name) => !(name in DEPLOY_CALLS));
  check(
    `the deploys' ${made.length} distinct AWS calls are all in infra/security/deploy-calls.ts, which the deploy roles are simulated against`,
    made.length > 0 && unlisted.length === 0,
    made.length === 0 ? 'the emulator recorded no deploy calls' : `not listed: ${unlisted.join(', ')}`,
  );
}
