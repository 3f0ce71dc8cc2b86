import type { z } from 'zod';
import { crossEnvironmentProblems, crossFieldProblems, oneTrafficVolume } from './cross-field-rules';
import { type Environment, resolveEnvironment } from './resolve-environment';
import { environmentSettings } from './settings/environment';
import { show } from './settings/rules';
import { trafficSettings } from './settings/traffic';

/** Every problem found in the declared environments, one plain sentence each. */
export class EnvironmentConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment config has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvironmentConfigError';
  }
}

/** One environment: each setting's own rule, then the rules across settings, then what follows from others worked out. */
export const environmentSchema = environmentSettings
  .superRefine((declared, context) => {
    for (const { path, message } of crossFieldProblems(declared)) context.addIssue({ code: 'custom', path: path.split('.'), message, input: declared });
  })
  .transform(resolveEnvironment);

/** The settings a section knows, by the path of the section, for the message that names an unknown one. */
function knownSettingsAt(schema: z.ZodType, path: PropertyKey[]): string[] {
  let node: any = schema;
  const unwrap = () => {
    while (node?.def?.innerType ?? node?.def?.in) node = node.def.innerType ?? node.def.in;
  };
  for (const key of path) {
    unwrap();
    node = node?.shape?.[key];
  }
  unwrap();
  return Object.keys(node?.shape ?? {});
}

/** Each issue as the sentence a user reads: where (`environment "dev": lambda.memoryMb`), then what is wrong. */
function sentences(issues: z.core.$ZodIssue[], schema: z.ZodType, where: (path: string) => string): string[] {
  return issues.flatMap((issue) => {
    const path = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      const known = knownSettingsAt(schema, issue.path).join(', ');
      return issue.keys.map((key) => `${where(path ? `${path}.${key}` : key)} is not a known setting; known settings are ${known}`);
    }
    return [`${where(path)} ${issue.message}`];
  });
}

/**
 * What is wrong with a traffic declaration, one sentence each (empty when it is valid).
 * `where` names it in the messages, e.g. `environment "prod": traffic`.
 */
export function trafficProblems(traffic: unknown, where: string): string[] {
  const parsed = trafficSettings.safeParse(traffic);
  const at = (path: string) => (path ? `${where}.${path}` : where);
  const problems = parsed.success ? [] : sentences(parsed.error.issues, trafficSettings, at);
  const volume = typeof traffic === 'object' && traffic !== null ? oneTrafficVolume(traffic as Record<string, undefined>) : undefined;
  return volume ? [`${where} ${volume}`, ...problems] : problems;
}

/**
 * Checks every declared environment and fills in the defaults.
 * @throws EnvironmentConfigError listing every problem, each naming the environment, the field and what is allowed.
 */
export function validateEnvironments(declarations: unknown): Environment[] {
  if (!Array.isArray(declarations) || declarations.length === 0) throw new EnvironmentConfigError(['declare at least one environment in an array']);
  const problems: string[] = [];
  const environments: Environment[] = [];
  const seen = new Set<string>();
  declarations.forEach((declared: unknown, index) => {
    if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) {
      problems.push(`environment #${index + 1} must be an object (got ${show(declared)})`);
      return;
    }
    const name = (declared as Record<string, unknown>)['name'];
    const label = `environment "${typeof name === 'string' ? name : `#${index + 1}`}"`;
    const parsed = environmentSchema.safeParse(declared);
    if (parsed.success) environments.push(parsed.data);
    else problems.push(...sentences(parsed.error.issues, environmentSettings, (path) => (path ? `${label}: ${path}` : label)));
    if (typeof name === 'string') {
      if (seen.has(name)) problems.push(`environment "${name}": name is declared twice; each environment needs its own name`);
      seen.add(name);
    }
  });
  if (problems.length === 0) problems.push(...crossEnvironmentProblems(environments));
  if (problems.length > 0) throw new EnvironmentConfigError(problems);
  return environments;
}
