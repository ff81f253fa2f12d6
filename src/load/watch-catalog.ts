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
  /** `events`: the system tells of each change; `poll`: the files are looked at every interval. */
  mode: 'events' | 'poll';
  close(): void;
}

/**
 * Watch a catalog folder and call `onChange` with the paths (relative to the root, forward
 * slashes, sorted) of the catalog files written, added or removed, once they have been quiet for
 * `debounceMs`. Every folder of the catalog is watched before this returns (so no save made
 * after it is missed, which Node's own recursive watch, set up in the background on Linux, does
 * not promise); a folder made later is watched when it appears. Where the system cannot watch,
 * or with `poll`, the files' times and sizes are polled. Other files (editor swap files,
 * backups) are ignored.
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
    const watchers = watchFolders(root, note);
    if (watchers) {
      return {
        mode: 'events',
        close: () => {
          for (const w of watchers.values()) w.close();
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

/** A watcher on every folder below the root (hidden ones excepted), or undefined when the system cannot watch. */
function watchFolders(root: string, note: (rel: string) => void): Map<string, FSWatcher> | undefined {
  const watchers = new Map<string, FSWatcher>();
  const add = (rel: string): boolean => {
    if (watchers.has(rel)) return true;
    let watcher: FSWatcher;
    try {
      watcher = watch(path.join(root, rel), (_event, name) => {
        if (name === null) {
          for (const file of listTimes(root).keys()) note(file);
          return;
        }
        const child = rel ? `${rel}/${String(name)}` : String(name);
        if (!String(name).startsWith('.') && isFolder(path.join(root, child))) {
          add(child);
          for (const file of listTimes(root, child).keys()) note(file);
        }
        note(child);
      });
    } catch {
      return false;
    }
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(rel);
    });
    watchers.set(rel, watcher);
    let entries;
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return true;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && !add(rel ? `${rel}/${entry.name}` : entry.name)) return false;
    }
    return true;
  };
  if (add('')) return watchers;
  for (const w of watchers.values()) w.close();
  return undefined;
}

function isFolder(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** Every catalog file below the root (or below its folder `under`) with its modification time and size. */
function listTimes(root: string, under = ''): Map<string, string> {
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
  walk(under);
  return out;
}
