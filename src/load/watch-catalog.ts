import { watch, readdirSync, statSync, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { kindOfRel } from './read-catalog.js';

export interface WatchOptions {
  /** Poll the files' times and sizes instead of asking the system to tell (network drives, containers). */
  poll?: boolean;
  /** Quiet time after the last event before the changes are handed over (an editor saves in several steps). */
  debounceMs?: number;
  /** Polling interval. */
  intervalMs?: number;
}

export interface CatalogWatcher {
  /** `recursive`: the system tells of each change; `poll`: the files are looked at every interval. */
  mode: 'recursive' | 'poll';
  close(): void;
}

/**
 * Watch a catalog folder and call `onChange` with the paths (relative to the root, forward
 * slashes, sorted) of the catalog files written, added or removed, once they have been quiet for
 * `debounceMs`. Uses the system's recursive watch where Node has it (Linux from Node 20, macOS,
 * Windows) and falls back to polling. Other files (editor swap files, backups) are ignored.
 */
export function watchCatalog(root: string, onChange: (rels: string[]) => void, options: WatchOptions = {}): CatalogWatcher {
  const debounceMs = options.debounceMs ?? 30;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const rels = [...pending].sort();
    pending.clear();
    if (rels.length > 0) onChange(rels);
  };
  const note = (rel: string) => {
    if (!kindOfRel(rel)) return;
    pending.add(rel);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  let snapshot = options.poll ? listTimes(root) : new Map<string, string>();
  const rescan = () => {
    const next = listTimes(root);
    for (const [rel, stamp] of next) if (snapshot.get(rel) !== stamp) note(rel);
    for (const rel of snapshot.keys()) if (!next.has(rel)) note(rel);
    snapshot = next;
  };

  if (!options.poll) {
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(root, { recursive: true }, (_event, name) => {
        if (name === null) {
          // The system lost track of what changed: look at every file.
          for (const rel of listTimes(root).keys()) note(rel);
          return;
        }
        note(String(name).split(path.sep).join('/'));
      });
    } catch {
      watcher = undefined;
    }
    if (watcher) {
      const w = watcher;
      return {
        mode: 'recursive',
        close: () => {
          w.close();
          if (timer) clearTimeout(timer);
        },
      };
    }
    snapshot = listTimes(root);
  }
  const interval = setInterval(rescan, options.intervalMs ?? 300);
  return {
    mode: 'poll',
    close: () => {
      clearInterval(interval);
      if (timer) clearTimeout(timer);
    },
  };
}

/** Every catalog file below the root with its modification time and size. */
function listTimes(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (kindOfRel(child)) {
        try {
          const info = statSync(path.join(root, child));
          out.set(child, `${info.mtimeMs}:${info.size}`);
        } catch {
          // Removed between the listing and the look.
        }
      }
    }
  };
  walk('');
  return out;
}
