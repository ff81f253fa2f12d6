// The stage boundaries of src/, checked by `npm run lint` (docs/architecture.md draws them).
//
// Layers, lowest first; a folder may import its own layer's shared folders and anything lower,
// never higher, and never a sibling it is not listed with:
//   i18n                        words in two languages, the vocabulary
//   diagnostics, schema         the one Diagnostic shape and usage error; the zod schemas
//   load                        bytes -> decoded, parsed, schema-checked documents with positions
//   model                       the typed catalog composed from them, regions, hall expansion
//   validate                    rules over the model, severities, locating
//   emit | report               artifacts of `licat build` | output formats of `licat validate`
//   diff | stats | import       the cores of `licat diff`, `licat stats` and `licat import`
//   pipeline                    one orchestrator per command: reads, checks, builds (may import every stage)
//   cli                         commander wiring and exit codes, on top
const LAYERS = {
  i18n: [],
  diagnostics: ['i18n'],
  schema: ['i18n', 'diagnostics'],
  load: ['i18n', 'diagnostics', 'schema'],
  model: ['i18n', 'diagnostics', 'schema', 'load'],
  validate: ['i18n', 'diagnostics', 'schema', 'load', 'model'],
  emit: ['i18n', 'diagnostics', 'schema', 'load', 'model'],
  report: ['i18n', 'diagnostics', 'schema', 'load', 'model', 'validate'],
  diff: ['i18n', 'diagnostics', 'schema', 'load', 'model', 'validate', 'emit', 'report'],
  stats: ['i18n', 'diagnostics', 'schema', 'load', 'model', 'validate', 'report'],
  import: ['i18n', 'diagnostics', 'schema', 'load', 'model', 'validate', 'emit'],
  pipeline: ['i18n', 'diagnostics', 'schema', 'load', 'model', 'validate', 'emit', 'report', 'diff', 'stats', 'import'],
  cli: ['i18n', 'diagnostics', 'schema', 'load', 'model', 'validate', 'emit', 'report', 'diff', 'stats', 'import', 'pipeline'],
};
const FOLDERS = Object.keys(LAYERS);

/** One rule per folder: what it may not import. */
const stageRules = FOLDERS.map((folder) => {
  const allowed = new Set([folder, ...LAYERS[folder]]);
  const banned = FOLDERS.filter((other) => !allowed.has(other));
  return {
    name: `stage-${folder}`,
    severity: 'error',
    comment: `src/${folder} may import only ${[...allowed].join(', ')} (see .dependency-cruiser.cjs and docs/architecture.md)`,
    from: { path: `^src/${folder}/` },
    to: { path: `^src/(${banned.join('|')})/` },
  };
}).filter((rule) => rule.to.path !== '^src/()/');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...stageRules,
    {
      name: 'no-unknown-folder',
      severity: 'error',
      comment: 'every folder of src/ has a place in the layers above (add a new one there)',
      from: { path: '^src/' },
      to: { path: `^src/(?!(${FOLDERS.join('|')})/|index\\.ts$)` },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'no import cycles: a cycle means two modules that cannot be understood apart',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-src-to-test',
      severity: 'error',
      comment: 'the sources never import the tests or the scripts',
      from: { path: '^src/' },
      to: { path: '^(test|scripts)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'every import resolves (a package missing from package.json, or a typo)',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-dev-dependencies-in-src',
      severity: 'error',
      comment: 'what lib/ needs at run time is a dependency, not a devDependency',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs'],
    },
    skipAnalysisNotInRules: true,
  },
};
