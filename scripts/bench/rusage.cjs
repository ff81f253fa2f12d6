// Preloaded into every process the benchmark times (NODE_OPTIONS=--require): at exit it writes the
// process's own peak resident memory and CPU time (getrusage, the figures GNU time reports) to
// the file named by LICAT_BENCH_RUSAGE. Worker threads share the process, so they are counted.
'use strict';
const file = process.env.LICAT_BENCH_RUSAGE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    require('node:fs').writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }));
  });
}
