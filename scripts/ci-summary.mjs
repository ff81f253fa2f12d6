// Prints the line CI reads, "N passed, N failed", from vitest's JSON report; a second argument
// adds that many failures of checks run before the tests (the lint: .ci/run).
// Exits 1 when the report is missing, counts a failure, or ran no test.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const failedBefore = Number(process.argv[3] ?? 0) || 0;
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log(`0 passed, ${1 + failedBefore} failed`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
// A test file that fails to load has no failed test of its own: count it as one failure.
const brokenFiles = (report.testResults ?? []).filter((r) => r.status === 'failed' && !(r.assertionResults ?? []).some((a) => a.status === 'failed')).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles + failedBefore;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
