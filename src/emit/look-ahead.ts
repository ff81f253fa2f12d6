import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fileIdentity, SETTLE_MS } from './recorded-file.js';

const WORKER = new URL('./look-ahead-worker.js', import.meta.url);

/** What the thread is asked: the folders (`/`-separated, relative to `root`) whose files to look at. */
export interface LookRequest {
  root: string;
  folders: readonly string[];
}

/** One folder as the thread found it: the folder's own identity, then each regular file's. */
export interface LookedFolder {
  /** The folder, relative to the root looked at, `/`-separated (`feeds/halls`). */
  rel: string;
  /** The clock (Date.now()) just before the folder was looked at. */
  before: number;
  dev: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
  /**
   * Each regular file of the folder: its path relative to the root, then its identity
   * (recorded-file.ts, fileIdentity), each on a line of its own (a name holding a line feed is
   * left out: no output path does).
   */
  lines: string;
}

/**
 * Look at the folders `folders` of `root` and every file in them: the folder's identity first,
 * then each file's (one `lstat` each). What the thread of `LookAhead` runs; synchronous.
 */
export function lookAt({ root, folders }: LookRequest): LookedFolder[] {
  const out: LookedFolder[] = [];
  for (const rel of folders) {
    const dir = path.join(root, ...rel.split('/'));
    const before = Date.now();
    const info = lstatSync(dir, { throwIfNoEntry: false });
    if (!info?.isDirectory()) continue;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    const lines: string[] = [];
    for (const name of names) {
      if (name.includes('\n')) continue;
      const id = fileIdentity(`${dir}${path.sep}${name}`);
      if (id !== undefined) lines.push(`${rel}/${name}`, id);
    }
    out.push({ rel, before, dev: info.dev, ino: info.ino, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, lines: lines.join('\n') });
  }
  return out;
}

/**
 * The files of a spare output (swap.ts), looked at on a thread of their own while the main thread
 * validates the catalog: what a rebuild would otherwise spend on one `lstat` of each of the tens
 * of thousands of feeds it keeps in place (output-sink.ts, keptInPlace), about 0.4 s, on the
 * other core. Started before the staging folder exists, on the spare's path; the staging sink
 * takes the result (AheadIdentities) once the spare has become its staging folder.
 * @example const ahead = LookAhead.start('/srv/.dist.spare', ['feeds/items', 'feeds/halls']);
 */
export class LookAhead {
  private constructor(
    private readonly worker: Worker,
    /** The folders asked about, relative to the root. */
    readonly folders: readonly string[],
    /** The folders as looked at, or undefined when the thread failed. */
    readonly result: Promise<LookedFolder[] | undefined>,
  ) {}

  /**
   * Start looking at `folders` of `root`, or undefined when a thread would not pay or cannot
   * start: one core, LICAT_WORKERS=0, running from the TypeScript sources (no built thread module).
   */
  static start(root: string, folders: readonly string[], env: NodeJS.ProcessEnv = process.env): LookAhead | undefined {
    if (availableParallelism() < 2 || env.LICAT_WORKERS?.trim() === '0' || !existsSync(fileURLToPath(WORKER))) return undefined;
    let worker: Worker;
    try {
      // None of the main thread's node options (--cpu-prof, …): it only looks at files.
      worker = new Worker(WORKER, { execArgv: [], workerData: { root, folders } satisfies LookRequest });
    } catch {
      return undefined;
    }
    // It never keeps the process alive: a build that stops early (errors in the catalog) just exits.
    worker.unref();
    const result = new Promise<LookedFolder[] | undefined>((resolve) => {
      worker.once('message', (looked: LookedFolder[]) => resolve(looked));
      worker.once('error', () => resolve(undefined));
      worker.once('exit', () => resolve(undefined));
    });
    return new LookAhead(worker, [...folders], result);
  }

  /** End the thread (its result, if not in yet, is then undefined). */
  stop(): void {
    void this.worker.terminate();
  }

  /** What it saw, for the staging folder `root` that the looked-at root has become. */
  identitiesIn(root: string): AheadIdentities {
    return new AheadIdentities(root, this.folders, this.result);
  }
}

/** A folder's identity: device, inode, modification and change times. */
interface FolderStat {
  dev: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
}

/**
 * The identities of a recycled output's files as the thread of LookAhead saw them, for the
 * staging sink (output-sink.ts), which asks `identity(rel)` instead of looking at the file itself.
 *
 * The thread looked before the spare became the staging folder. A file's identity seen then holds
 * for the file at that path now only while the folder still holds the same names: so each
 * folder is looked at again (`touch`) before this build first changes anything in it, and its
 * identities are used only if the folder is the very folder the thread saw (device, inode), with
 * the same modification and change times, both older than SETTLE_MS before the thread's look.
 * Adding, removing, renaming or replacing a file in a folder, or making a link in it, sets the
 * folder's times to the present, which no unprivileged process can set back (its change time):
 * so every file whose identity is used was the very file the thread saw, under the same name,
 * from the thread's look until this build's first change in its folder. A file written in place
 * after the thread's look keeps its name; as with a file written after the look that the sink
 * used to make itself, the build does not see it (docs/security.md).
 */
export class AheadIdentities {
  /** Each folder: as the thread saw it (once in), as the sink saw it before its first change, whether the two agree. */
  private readonly folders = new Map<string, { seen?: FolderStat | null; looked?: LookedFolder; ids?: Map<string, string> | null }>();
  /** Folders not yet looked at again (`touch`). */
  private untouched: string[];
  private looked: LookedFolder[] | undefined;
  /** The folder of the path `identity` was last asked about. */
  private last: { rel: string; folder: { seen?: FolderStat | null; looked?: LookedFolder; ids?: Map<string, string> | null } } | undefined;

  /**
   * `root`: the staging folder the spare became; `folders`: those the thread was asked about;
   * `result`: the thread's answer (LookAhead.result).
   */
  constructor(
    private readonly root: string,
    folders: readonly string[],
    private readonly result: Promise<LookedFolder[] | undefined>,
  ) {
    for (const rel of folders) this.folders.set(rel, {});
    this.untouched = [...folders];
  }

  /** Wait for the thread's answer. Until it is in, `identity` knows nothing. */
  async settle(): Promise<void> {
    if (this.looked) return;
    this.looked = (await this.result) ?? [];
    for (const looked of this.looked) {
      const folder = this.folders.get(looked.rel);
      if (folder) folder.looked = looked;
    }
  }

  /**
   * Call before anything at `rel` (an output path) is changed or looked up: the first time a path
   * in one of the folders comes, the folder is looked at again, as it is before this build
   * changes anything in it.
   */
  touch(rel: string): void {
    if (this.untouched.length === 0) return;
    for (const dir of this.untouched) if (rel.startsWith(`${dir}/`)) this.lookAgain(dir);
  }

  /** Look at every folder not looked at again yet (before the staging sink removes or clears them). */
  touchAll(): void {
    for (const dir of [...this.untouched]) this.lookAgain(dir);
  }

  /**
   * The identity the file at `rel` had when the thread looked, if its folder is known to hold the
   * same names since (see the class); undefined when that is not known (look at the file now).
   */
  identity(rel: string): string | undefined {
    if (!this.looked) return undefined;
    const slash = rel.lastIndexOf('/');
    // Paths come folder by folder: the previous path's folder is looked up again only when it changes.
    let folder = this.last && slash === this.last.rel.length && rel.startsWith(this.last.rel) ? this.last.folder : undefined;
    if (!folder) {
      const dir = rel.slice(0, Math.max(slash, 0));
      folder = slash > 0 ? this.folders.get(dir) : undefined;
      if (!folder) return undefined;
      this.last = { rel: dir, folder };
    }
    if (folder.ids === undefined) {
      this.touch(rel);
      folder.ids = folder.looked && folder.seen && sameFolder(folder.looked, folder.seen) ? identities(folder.looked.lines) : null;
    }
    return folder.ids?.get(rel);
  }

  private lookAgain(dir: string): void {
    this.untouched = this.untouched.filter((d) => d !== dir);
    const info = lstatSync(path.join(this.root, ...dir.split('/')), { throwIfNoEntry: false });
    this.folders.get(dir)!.seen = info?.isDirectory() ? { dev: info.dev, ino: info.ino, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs } : null;
  }
}

/** Whether `now` is the folder the thread saw, unchanged, and its times were settled when it looked. */
function sameFolder(looked: LookedFolder, now: FolderStat): boolean {
  const settled = looked.before - SETTLE_MS;
  return (
    looked.dev === now.dev &&
    looked.ino === now.ino &&
    looked.mtimeMs === now.mtimeMs &&
    looked.ctimeMs === now.ctimeMs &&
    looked.mtimeMs < settled &&
    looked.ctimeMs < settled
  );
}

function identities(lines: string): Map<string, string> {
  const ids = new Map<string, string>();
  if (lines === '') return ids;
  const parts = lines.split('\n');
  for (let i = 0; i + 1 < parts.length; i += 2) ids.set(parts[i]!, parts[i + 1]!);
  return ids;
}
