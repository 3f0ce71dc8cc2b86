import { z } from 'zod';
import { CROSS_FIELD_RULES } from './cross-field-rules';
import { environmentSettings } from './settings/environment';
import { show } from './settings/rules';

/** Where the generated page lives, from the workspace root; `npm run docs:config` writes it. */
export const CONFIGURATION_REFERENCE_PAGE = 'docs/configuration.md';

interface Row {
  path: string;
  defaultText: string;
  rule: string;
  description: string;
}

/** Each wrapper of a declared setting (default, optional, prefault) and the schema inside, outermost first. */
function layers(schema: z.ZodType): z.ZodType[] {
  const found: z.ZodType[] = [schema];
  let node: any = schema;
  while (node?.def?.innerType) {
    node = node.def.innerType;
    found.push(node);
  }
  return found;
}

function rowsOf(shape: Record<string, z.ZodType>, prefix: string, sections: Array<[string, string, Row[]]>): Row[] {
  const rows: Row[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const path = `${prefix}${key}`;
    const all = layers(schema);
    const meta = Object.assign({}, ...all.map((layer) => z.globalRegistry.get(layer) ?? {}).reverse());
    const inner: any = all[all.length - 1];
    const withDefault: any = all.find((layer: any) => layer.def.type === 'default');
    const optional = all.some((layer: any) => layer.def.type === 'optional');
    if (inner.def.type === 'object' && !meta.rule) {
      sections.push([path, meta.description ?? '', []]);
      const own = rowsOf(inner.shape, `${path}.`, sections);
      sections.find(([name]) => name === path)![2].push(...own);
      continue;
    }
    const defaultText = meta.defaultText ?? (withDefault ? show(withDefault.def.defaultValue) : optional ? 'not set' : 'required');
    rows.push({ path, defaultText, rule: meta.rule ?? '', description: meta.description ?? '' });
  }
  return rows;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('\n', ' ');
const table = (rows: Row[]) =>
  [
    '| setting | default | allowed | what it does |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.path}\` | ${cell(r.defaultText)} | ${cell(r.rule)} | ${cell(r.description)} |`),
  ].join('\n');

/** The configuration reference, generated from the settings' declarations (libs/environment-config/src/lib/settings/). */
export function configurationReference(): string {
  const sections: Array<[string, string, Row[]]> = [];
  const topLevel = rowsOf(environmentSettings.shape as Record<string, z.ZodType>, '', sections);
  const parts = [
    '# Configuration reference',
    '',
    '<!-- Generated from libs/environment-config/src/lib/settings/ by `npm run docs:config`; a test fails when it is stale. Edit the declarations, not this page. -->',
    '',
    'Each environment in `infra/environments.ts` is one object of these settings. Only `name`, `region` and',
    '`compute` are required; an unknown setting is refused by name, and every problem is reported at once,',
    'naming the environment, the setting, the rule and the value given.',
    '',
    '## Environment',
    '',
    table(topLevel),
    ...sections.flatMap(([name, description, rows]) =>
      ['', `## \`${name}\``, '', description ? `${description}.` : '', '', table(rows)].filter((line, i, all) => line !== '' || all[i - 1] !== ''),
    ),
    '',
    '## Rules across settings',
    '',
    ...CROSS_FIELD_RULES.map((rule) => `- ${rule.says}`),
    '',
  ];
  return parts.join('\n');
}
