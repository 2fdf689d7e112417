// ESLint flat config (`npm run lint`). The layers, most general first:
//   every .ts: @eslint/js + typescript-eslint recommended, no `any`
//   components/: Lit and Lit a11y rules
//   src/signals, src/engine: pure code, no browser or clock globals (see docs/architecture.md)
//   test/: no focused or skipped tests left behind
//   .js/.mjs: Node or browser globals by where the file runs
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

const PURE = 'the engine is pure: time comes from event timestamps (see docs/architecture.md)';
const impure = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'requestAnimationFrame',
  'performance',
  'Date',
  'fetch',
  'XMLHttpRequest',
  'console',
  // The same globals, reached the long way round.
  'globalThis',
  'self',
];

const NO_FOCUS = 'a focused or skipped test silently drops the rest of the suite from CI: remove it before committing';
const mochaFns = ['describe', 'it', 'context', 'specify'];

export default defineConfig([
  globalIgnores(['dist/', 'coverage/', 'node_modules/', 'demo/mockServiceWorker.js', '**/*.d.ts', '.wtr-summary.json']),

  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
  },

  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Allow the `_unused` convention for deliberately ignored parameters.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },

  {
    files: ['components/**/*.ts'],
    extends: [lit.configs['flat/recommended'], litA11y.configs.recommended],
  },

  {
    files: ['src/signals/**/*.ts', 'src/engine/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...impure.map((name) => ({ name, message: PURE }))],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: PURE },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: PURE },
      ],
    },
  },

  {
    files: ['test/**/*.{ts,mjs,js}'],
    rules: {
      // chai's property assertions (`expect(x).to.be.empty`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      'no-unused-expressions': 'off',
      'no-restricted-properties': [
        'error',
        ...mochaFns.flatMap((object) => [
          { object, property: 'only', message: NO_FOCUS },
          { object, property: 'skip', message: NO_FOCUS },
        ]),
        // node:test's spellings, for test/node/.
        { object: 'test', property: 'only', message: NO_FOCUS },
        { object: 'test', property: 'skip', message: NO_FOCUS },
      ],
      'no-restricted-globals': [
        'error',
        ...['xit', 'xdescribe', 'xcontext', 'xspecify'].map((name) => ({ name, message: NO_FOCUS })),
      ],
    },
  },

  // Where plain JavaScript runs.
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js', 'bin/**/*.js', 'bench/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The demo's page scripts run in the browser; its .mjs tools drive a browser from Node
    // and pass functions into the page, so they see both.
    files: ['demo/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['demo/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Node's own test runner (test/node/); it imports describe/it from node:test.
    files: ['test/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
]);
