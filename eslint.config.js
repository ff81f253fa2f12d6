// ESLint flat config: typescript-eslint's type-aware recommended rules over the sources, the
// tests and the scripts; formatting is Prettier's (eslint-config-prettier turns off the rules
// that would fight it). The stage boundaries are dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Globals of Node.js that plain .js/.mjs/.cjs files use (no `globals` package is installed). */
const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'performance',
    'structuredClone',
    'TextDecoder',
    'TextEncoder',
    'AbortController',
    'fetch',
    'queueMicrotask',
  ].map((name) => [name, 'readonly']),
);
const COMMONJS_GLOBALS = { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' };
const BROWSER_GLOBALS = Object.fromEntries(['window', 'document', 'navigator', 'location', 'history', 'console'].map((name) => [name, 'readonly']));

export default tseslint.config(
  { ignores: ['lib/', 'dist/', 'node_modules/', 'schemas/', 'test/fixtures/', 'test/documents/golden/', '.licat-cache/'] },
  js.configs.recommended,
  {
    rules: {
      // The ideographic space (U+3000) is ordinary Chinese typography in the texts licat writes.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: false }],
      // licat matches control characters on purpose, to keep them out of terminals, CI logs, XML
      // and Mermaid (report/safe-text.ts, emit/excel/cell-text.ts, emit/flowcharts/...), and its
      // tests look for them: the rule's premise, that such a character in a pattern is a slip,
      // does not hold here.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a name kept on purpose (a parameter a signature requires).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Type-only imports stay marked (verbatimModuleSyntax needs it). `typeof import('x')` stays
      // allowed: it types a module loaded lazily or with require (ajv's standalone code, a test's
      // built module) without loading it at import.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // An async function without `await` is how a method that promises a result turns a throw
      // into a rejection (OutputSink, readCatalog): what the rule calls a mistake is the intent.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read the JSON and workbooks licat writes (feeds, reports, manifests, cells) and assert
    // on their fields: a wrong shape fails the assertion itself, so typing every parsed document
    // would only repeat the schemas. The rules about `any` are for the sources.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...NODE_GLOBALS, ...COMMONJS_GLOBALS } },
  },
  {
    // Scripts of the published guide pages run in the reader's browser.
    files: ['templates/**/*.js'],
    languageOptions: { sourceType: 'script', globals: BROWSER_GLOBALS },
  },
  prettier,
);
