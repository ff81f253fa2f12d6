import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Every temporary folder of a test run (the tests' own, and those licat, Chromium and
 * LibreOffice make while the tests run them) goes under one folder, removed when the run ends,
 * so that running the suite leaves nothing behind in the system's temporary folder. Set
 * LICAT_KEEP_TEST_TMP=1 to keep it for a look after a failure.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'licat-test-'));
  // Others may pass through (a test runs licat as `nobody`); the folders inside stay private.
  chmodSync(root, 0o755);
  process.env.TMPDIR = root;
  // licat's default cache folder (and its key) too, not the home folder of whoever runs the tests.
  process.env.XDG_CACHE_HOME = path.join(root, 'cache');
  return () => {
    if (process.env.LICAT_KEEP_TEST_TMP) {
      process.stdout.write(`kept the tests' temporary folders in ${root}\n`);
      return;
    }
    rmSync(root, { recursive: true, force: true });
  };
}
