/** The output formats of `licat stats`, by `--format` name: the one closed list (the formatters are in stats/formats.ts). */
export const STATS_FORMAT_NAMES = ['table', 'markdown', 'json'] as const;

export type StatsFormatName = (typeof STATS_FORMAT_NAMES)[number];

/** Whether `name` is a known format (it comes from the command line). */
export function isStatsFormatName(name: string): name is StatsFormatName {
  return (STATS_FORMAT_NAMES as readonly string[]).includes(name);
}
