import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { RULES } from '../validate/registry.js';
import { rootRelative, type Reporter } from './reporter.js';
import { jsonSafe } from './safe-text.js';

/** Where the SARIF 2.1.0 schema is published; test/fixtures holds a copy the tests validate against. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * Where licat's docs are published when the command line does not say (`--docs-url`, or the
 * package's `homepage`): SARIF viewers need an absolute URL, not a path in licat's repository.
 */
export const DOCS_URL = 'https://licat.example/docs/';

/**
 * SARIF 2.1.0, for code-scanning tools (GitHub code scanning, Azure DevOps, IDE viewers). Every
 * known rule is listed in tool.driver.rules with its description and default level; each result
 * points at its file, relative to the repository root, with line and column (UTF-16 code units, as
 * the YAML locator counts them). A stable fingerprint of file, rule and JSON pointer lets a viewer
 * follow a problem across line shifts. No timestamps: the same catalog gives the same bytes.
 */
export const sarif: Reporter = (diagnostics, { lang, sourceRoot, toolVersion, docsUrl = DOCS_URL }) => {
  const rules = RULES.filter((r) => r.id !== 'internal' || diagnostics.some((d) => d.rule === 'internal'));
  const descriptors = rules.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description[lang] },
    fullDescription: { text: `${r.description.zh} / ${r.description.en}` },
    help: { text: `${docsUrl}rules.md#${r.id}` },
    helpUri: `${docsUrl}rules.md#${r.id}`,
    defaultConfiguration: { level: r.severity },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const d of diagnostics) {
    if (index.has(d.rule)) continue;
    index.set(d.rule, descriptors.length);
    descriptors.push({
      id: d.rule,
      shortDescription: { text: d.rule },
      fullDescription: { text: d.rule },
      help: { text: `${docsUrl}rules.md` },
      helpUri: `${docsUrl}rules.md`,
      defaultConfiguration: { level: d.severity },
    });
  }
  const seen = new Map<string, number>();
  const results = diagnostics.map((d) => {
    const file = rootRelative(d.file, sourceRoot);
    const identity = `${file}\u0000${d.rule}\u0000${d.path}`;
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return {
      ruleId: d.rule,
      ruleIndex: index.get(d.rule)!,
      level: d.severity,
      message: { text: d.message[lang] },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: fileUri(file), uriBaseId: '%SRCROOT%' },
            region: { startLine: Math.max(1, d.line), startColumn: Math.max(1, d.column) },
          },
          ...(d.path ? { logicalLocations: [{ fullyQualifiedName: d.path, kind: 'member' }] } : {}),
        },
      ],
      partialFingerprints: { 'licatProblem/v1': fingerprint(`${identity}\u0000${occurrence}`) },
    };
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'licat',
            ...(toolVersion ? { version: toolVersion, semanticVersion: toolVersion } : {}),
            rules: descriptors,
          },
        },
        invocations: [{ executionSuccessful: !diagnostics.some((d: Diagnostic) => d.rule === 'internal') }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return jsonSafe(JSON.stringify(log, null, 2)) + '\n';
};

/** A relative URI reference for a path: each segment percent-encoded, slashes kept. */
function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function fingerprint(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32);
}
