// Lint rules for the whole repository (run from the repository root: npm run lint).
// Besides type-checked typescript-eslint, it holds the layering line from ARCHITECTURE.md:
// src/shared imports nothing of ours; src/core (the module seam) knows no module; the pure tops of
// queue/ and show/ do no I/O; modules (with their service/ folders) never reach up into server/;
// server/ knows no domain; renderer/ and electron/ use only src/shared from the core.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const restrict = (...patterns) => ['error', { patterns }];
const rule = (regex, message) => ({ regex, message });

const notElectronOrRenderer = [
  rule('^electron$', 'The core runs without Electron; only electron/ may import it.'),
  rule('(^|/)renderer/', 'The core must not import the UI.'),
];

export default defineConfig(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'tests/.tmp/**'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx,cts,mts}'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['renderer/vite.config.ts'] },
        tsconfigRootDir: process.cwd(),
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': [
        'error',
        { allowConstantLoopConditions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // vitest's asymmetric matchers (expect.stringContaining …) are typed `any` by design.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(...notElectronOrRenderer) },
  },
  {
    // Short functions: a function past ~100 lines is doing several jobs.
    files: ['src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ...notElectronOrRenderer,
        rule('^\\.\\./', 'src/shared imports nothing else of ours.'),
        rule('^node:', 'src/shared also runs in the browser: no Node built-ins.'),
      ),
    },
  },
  {
    // The module seam (intents, routes, the module contract) sits right above src/shared.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ...notElectronOrRenderer,
        rule(
          '^\\.\\./(server|sources|obs|relay|queue|show|guests|access)/',
          'The module seam knows no module and no transport.',
        ),
        rule('^\\.\\./(app|cli)\\.js$', 'The module seam must not import the composition root.'),
      ),
    },
  },
  {
    // Pure logic sits at the top of queue/ and show/; their I/O lives beside it in service/.
    files: ['src/queue/*.ts', 'src/show/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ...notElectronOrRenderer,
        rule(
          '^\\.\\./(store|server|sources|obs|relay|core|access|guests)/',
          'Domain logic stays pure: no adapters.',
        ),
        rule('^\\./service/', 'Domain logic stays pure: its service may use it, not the reverse.'),
        rule(
          '^\\.\\./(app|cli|startup-errors)\\.js$',
          'Domain logic must not import the composition root.',
        ),
        rule(
          '^(node:(fs|net|http|https|child_process|dgram|worker_threads)|better-sqlite3|socket\\.io)$',
          'Domain logic does no I/O.',
        ),
      ),
    },
  },
  {
    // Modules and their adapters: may do I/O, never reach up into transport or composition.
    files: [
      'src/{sources,obs,relay,store,access,guests}/**/*.ts',
      'src/{queue,show}/service/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': restrict(
        ...notElectronOrRenderer,
        rule('^(\\.\\./)+server/', 'Modules must not import the server layer.'),
        rule('^(\\.\\./)+(app|cli)\\.js$', 'Modules must not import the composition root.'),
      ),
    },
  },
  {
    // Transport only: HTTP and socket.io mapped onto intents; the domain lives in the modules.
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ...notElectronOrRenderer,
        rule(
          '^\\.\\./(queue|show|sources|obs|relay|guests|store)/',
          'server/ maps transport to intents and knows no domain.',
        ),
        rule('^\\.\\./(app|cli)\\.js$', 'server/ must not import the composition root.'),
      ),
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}', 'electron/**/*.{ts,cts}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        rule(
          '(^|/)src/(?!shared/)',
          'renderer/ and electron/ may import only src/shared from the core.',
        ),
      ),
    },
  },
);
