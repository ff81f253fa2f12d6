import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { sarif } from '../../src/report/sarif.js';
import { RULES } from '../../src/validate/registry.js';
import { copySample, licat, ROOT, tempDir } from '../helpers.js';
import { sampleProblems } from './context.js';

/** ajv (draft-07) over the published SARIF 2.1.0 schema; see test/fixtures/sarif/README.md. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  const { id, $schema: _draft04, ...rest } = schema;
  // The schema's language pattern is not valid with the u flag, so patterns are compiled without it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///') && !/[\s\u0080-\uffff]/.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s));
  return ajv.compile({ ...rest, $id: String(id) });
}

interface Log {
  $schema: string;
  version: string;
  runs: Array<{
    tool: {
      driver: { name: string; version: string; rules: Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }> };
    };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}

describe('sarif', () => {
  const validate = sarifValidator();

  it('links each rule to its section of the published docs by an absolute URL', () => {
    const { diagnostics, context } = sampleProblems();
    const rules = (JSON.parse(sarif(diagnostics, context)) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } } }> }).runs[0]!
      .tool.driver.rules;
    const vague = rules.find((r) => r.id === 'vague-clause')!;
    expect(vague.helpUri).toBe('https://licat.example/docs/rules.md#vague-clause');
    const elsewhere = JSON.parse(sarif(diagnostics, { ...context, docsUrl: 'https://docs.example.org/licat/' })) as {
      runs: Array<{ tool: { driver: { rules: Array<{ helpUri: string }> } } }>;
    };
    expect(elsewhere.runs[0]!.tool.driver.rules.every((r) => r.helpUri.startsWith('https://docs.example.org/licat/rules.md#'))).toBe(true);
  });

  it('is valid against the published SARIF 2.1.0 schema', () => {
    const { diagnostics, context } = sampleProblems();
    const log = JSON.parse(sarif(diagnostics, context)) as Log;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(JSON.parse(sarif([], context)))).toBe(true);
  });

  it('the validator refuses a broken log, so the test above can fail', () => {
    const { diagnostics, context } = sampleProblems();
    const log = JSON.parse(sarif(diagnostics, context)) as Log;
    (log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region as unknown as Record<string, unknown>).startLine = 0;
    expect(validate(log)).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('lists every rule with its description and default level, and points results at them', () => {
    const { diagnostics, context } = sampleProblems();
    const log = JSON.parse(sarif(diagnostics, context)) as Log;
    const run = log.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'licat', version: '0.1.0' });
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual(RULES.filter((r) => r.id !== 'internal').map((r) => r.id));
    const vague = run.tool.driver.rules.find((r) => r.id === 'vague-clause')!;
    expect(vague.defaultConfiguration.level).toBe('warning');
    expect(vague.shortDescription.text).toContain('vague clause');
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });

  it('locates each result by a root-relative URI, line and column', () => {
    const { diagnostics, context } = sampleProblems();
    const results = (JSON.parse(sarif(diagnostics, context)) as Log).runs[0]!.results;
    const order = results.map((r) => `${r.ruleId}:${r.level}`);
    expect(order).toEqual(diagnostics.map((d) => `${d.rule}:${d.severity}`));
    const limit = results.find((r) => r.ruleId === 'time-limit-order')!;
    const d = diagnostics.find((x) => x.rule === 'time-limit-order')!;
    expect(limit.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'catalog/items/market/food.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: d.line, startColumn: d.column },
    });
    const hall = results.find((r) => r.ruleId === 'region-unknown')!;
    expect(hall.locations[0]!.physicalLocation.artifactLocation.uri).toBe('catalog/halls/%E5%A4%A9%E6%B2%B3%20%E5%A4%A7%E5%8E%85.yaml');
    const prefixed = (JSON.parse(sarif(diagnostics, { ...context, sourceRoot: 'work/' })) as Log).runs[0]!.results[0]!;
    expect(prefixed.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^work\/catalog\//);
  });

  it('is byte-identical for the same problems, with stable fingerprints that ignore lines', () => {
    const { diagnostics, context } = sampleProblems();
    expect(sarif(diagnostics, context)).toBe(sarif(diagnostics, context));
    const moved = diagnostics.map((d) => ({ ...d, line: d.line + 3 }));
    const fp = (text: string) => (JSON.parse(text) as Log).runs[0]!.results.map((r) => r.partialFingerprints['licatProblem/v1']);
    expect(fp(sarif(moved, context))).toEqual(fp(sarif(diagnostics, context)));
    expect(new Set(fp(sarif(diagnostics, context))).size).toBe(diagnostics.length);
  });

  it('licat validate --format sarif --output-sarif writes a valid log for a broken copy of the sample', () => {
    const dir = copySample();
    const file = path.join(dir, 'items/market/food-business.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  promised: { value: 10, unit: working-day }', '  promised: { value: 25, unit: working-day }'));
    const out = path.join(tempDir(), 'licat.sarif');
    const r = licat(['validate', dir, '--format', 'stylish,sarif', '--output-sarif', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('time-limit-order');
    const log = JSON.parse(readFileSync(out, 'utf8')) as Log;
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const result = log.runs[0]!.results.find((x) => x.ruleId === 'time-limit-order')!;
    expect(result.level).toBe('error');
    expect(result.locations[0]!.physicalLocation.region.startLine).toBe(
      readFileSync(file, 'utf8').split('\n').indexOf('  promised: { value: 25, unit: working-day }') + 1,
    );
  });
});
