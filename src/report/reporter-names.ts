/**
 * The output formats of `licat validate`, by `--format` name: the one closed list. Kept apart from
 * the reporters themselves (report/registry.ts) so that the command line's help can name them
 * without loading them; the registry's type makes it hold exactly one reporter per name.
 */
export const REPORTER_NAMES = ['stylish', 'json', 'sarif', 'junit', 'github'] as const;

export type ReporterName = (typeof REPORTER_NAMES)[number];

/** Whether `name` is a known format (it comes from the command line). */
export function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}
