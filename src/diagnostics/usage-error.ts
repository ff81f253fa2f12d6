/**
 * A problem with the command line or the environment itself (exit 2), not with the catalog:
 * a missing folder, an unknown option value, an unreadable revision. Any stage may throw it; the
 * command line prints its message on one line.
 * @example throw new UsageError('--shard takes i/n');
 */
export class UsageError extends Error {}
