import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { countSeverities, type Reporter } from './reporter.js';
import { displayText } from './safe-text.js';

/**
 * JUnit XML, for CI test-report views (GitLab, Jenkins, Azure). One testsuite per checked file:
 * a file without problems has one passing testcase; each problem is a testcase of its own. An
 * error is a `<failure>`; a warning passes (the exit code lets warnings through too) and carries
 * its message in `<system-out>`. No timestamps or durations, so the output is stable.
 */
export const junit: Reporter = (diagnostics, { lang, texts }) => {
  const byFile = new Map<string, Diagnostic[]>();
  for (const file of texts.keys()) byFile.set(file, []);
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const files = [...byFile.keys()].sort();
  const { errors } = countSeverities(diagnostics);
  let tests = 0;
  const suites: string[] = [];
  for (const file of files) {
    const problems = byFile.get(file)!;
    const failures = problems.filter((d) => d.severity === 'error').length;
    const cases: string[] = [];
    if (problems.length === 0) {
      cases.push(`    <testcase classname="${attr(file)}" name="licat validate" file="${attr(file)}"/>`);
    }
    for (const d of problems) {
      const name = `${d.rule} ${d.line}:${d.column}${d.path ? ` ${d.path}` : ''}`;
      const head = `    <testcase classname="${attr(file)}" name="${attr(name)}" file="${attr(file)}" line="${d.line}">`;
      const detail = `${displayText(file)}:${d.line}:${d.column} ${d.severity} ${d.rule}${d.path ? ` ${displayText(d.path)}` : ''}\n${displayText(d.message[lang])}`;
      if (d.severity === 'error') {
        cases.push(`${head}\n      <failure type="${attr(d.rule)}" message="${attr(d.message[lang])}">${text(detail)}</failure>\n    </testcase>`);
      } else {
        cases.push(`${head}\n      <system-out>${text(`warning: ${detail}`)}</system-out>\n    </testcase>`);
      }
    }
    const count = Math.max(1, problems.length);
    tests += count;
    suites.push(`  <testsuite name="${attr(file)}" tests="${count}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="licat validate" tests="${tests}" failures="${errors}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escape text content. */
function text(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape an attribute value: controls and line breaks as visible escapes, tabs as a character reference. */
function attr(s: string): string {
  return text(displayText(s)).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
