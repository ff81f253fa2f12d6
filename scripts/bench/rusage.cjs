// Preloaded into every process the benchmark times (NODE_OPTIONS=--require): at exit it writes the
// process's own peak resident memory and CPU time to the file named by LICAT_BENCH_RUSAGE. Worker
// threads share the process, so they are counted. The peak is VmHWM of /proc/self/status where
// there is one: getrusage's maxrss of a process started from a large parent counts the parent's
// memory at the fork too (Linux carries it over the exec), VmHWM only this program's own.
'use strict';
const file = process.env.LICAT_BENCH_RUSAGE;
if (file) {
  process.on('exit', () => {
    const fs = require('node:fs');
    const u = process.resourceUsage();
    let maxRssKb = u.maxRSS;
    try {
      const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
      if (m) maxRssKb = Number(m[1]);
    } catch {
      // Not Linux: getrusage's figure.
    }
    fs.writeFileSync(file, JSON.stringify({ maxRssKb, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }));
  });
}
