/** What one resource change does, in the words a reviewer reads. */
function verb(actions: string[]): string | undefined {
  const key = actions.join(',');
  if (key === 'no-op' || key === 'read') return undefined;
  if (key === 'create') return 'create';
  if (key === 'delete') return 'destroy';
  if (key === 'update') return 'update';
  return 'replace';
}

const ORDER = ['destroy', 'replace', 'update', 'create'];

/**
 * A Markdown summary of a Terraform plan (`terraform show -json`): the counts,
 * then every change, destroys and replacements first (what a reviewer must not
 * miss), each with the attributes an update changes.
 */
export function summarizePlan(plan: { resource_changes?: Array<{ address: string; change: { actions: string[]; before?: any; after?: any } }> }): string {
  const changes = (plan.resource_changes ?? [])
    .map((rc) => ({ address: rc.address, verb: verb(rc.change.actions), change: rc.change }))
    .filter((c): c is typeof c & { verb: string } => c.verb !== undefined)
    .sort((a, b) => ORDER.indexOf(a.verb) - ORDER.indexOf(b.verb) || a.address.localeCompare(b.address));
  if (changes.length === 0) return 'No changes: the environment already matches this commit.\n';
  const counts = ORDER.map((v) => [v, changes.filter((c) => c.verb === v).length] as const).filter(([, n]) => n > 0);
  const lines = [`**${counts.map(([v, n]) => `${n} to ${v}`).join(', ')}**`, ''];
  for (const c of changes) {
    const attributes =
      c.verb === 'update'
        ? Object.keys({ ...c.change.before, ...c.change.after }).filter((k) => JSON.stringify(c.change.before?.[k]) !== JSON.stringify(c.change.after?.[k]))
        : [];
    lines.push(
      `- ${c.verb === 'destroy' || c.verb === 'replace' ? '⚠️ ' : ''}${c.verb} \`${c.address}\`${attributes.length ? ` (${attributes.join(', ')})` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
