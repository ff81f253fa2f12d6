/**
 * The artifact kinds of `licat build`, in build order: the one closed list. Kept apart from the
 * emitters themselves (emit/registry.ts) so that the command line's help can name them without
 * loading them; the registry's type makes it hold exactly one emitter per id.
 */
export const EMITTER_IDS = ['feeds', 'database', 'excel', 'flowcharts', 'guides', 'site'] as const;

export type EmitterId = (typeof EMITTER_IDS)[number];

/** Whether `id` is a known artifact kind (it comes from the command line). */
export function isEmitterId(id: string): id is EmitterId {
  return (EMITTER_IDS as readonly string[]).includes(id);
}
