import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Environment, EnvironmentConfigError, type EnvironmentDeclaration, validateEnvironments } from '@greeter/environment-config';

/** Where a command writes: its report, and its complaints. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<T extends Options> = { args: string[]; options: T & { help: { type: 'boolean'; default: false } } };
type Values<T extends Options> = ReturnType<typeof parseArgs<WithHelp<T>>>['values'];

/**
 * A command's options, with `--help` added: the values, or the exit code once
 * the usage is printed (0 for --help, 2 after an unknown or ill-formed option).
 */
export function parseCommandLine<const T extends Options>(
  argv: string[],
  options: T,
  usage: string,
  io: CommandIo,
): { values: Values<T> } | { values?: undefined; exitCode: 0 | 2 } {
  let values: Values<T>;
  try {
    values = parseArgs<WithHelp<T>>({ args: argv, options: { ...options, help: { type: 'boolean', default: false } } }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n${usage}\n`);
    return { exitCode: 2 } as const;
  }
  if ((values as { help?: boolean }).help) {
    io.out(`${usage}\n`);
    return { exitCode: 0 } as const;
  }
  return { values };
}

/** --environment, which Nx passes through (`nx run infra:<target> --environment=prod`); --env, shorter for npm scripts. */
export const ENVIRONMENT_OPTIONS = { environment: { type: 'string' }, env: { type: 'string' } } as const;

/**
 * The validated environments a command works on: every one, or the one named.
 * Undefined, with the reason written, when the config is invalid or names no such environment.
 */
export function chosenEnvironments(
  declarations: EnvironmentDeclaration[],
  named: { environment?: string; env?: string },
  io: CommandIo,
): Environment[] | undefined {
  let environments: Environment[];
  try {
    environments = validateEnvironments(declarations);
  } catch (error) {
    io.err(`${error instanceof EnvironmentConfigError ? error.message : String(error)}\n`);
    return undefined;
  }
  const only = named.environment ?? named.env;
  if (only === undefined) return environments;
  const chosen = environments.filter((e) => e.name === only);
  if (chosen.length === 0) io.err(`No environment named "${only}"; the environments are ${environments.map((e) => e.name).join(', ')}.\n`);
  return chosen.length > 0 ? chosen : undefined;
}
