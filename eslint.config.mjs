// Lint rules that keep the promises the code's comments make: no promise left floating, types
// imported as types, no import cycle, and workflow and domain code free of I/O (the workflow
// sandbox replays it; the domain is shared with the CLI and must stay pure). `npm test` and CI
// run it (`npm run lint`); formatting is Prettier's (`npm run format`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What neither workflow nor domain code may import: Node I/O, mail, the non-workflow SDK. */
const NOT_IN_THE_SANDBOX = {
  paths: [
    'nodemailer',
    '@temporalio/activity',
    '@temporalio/client',
    '@temporalio/worker',
    '@temporalio/testing',
    '@temporalio/envconfig',
  ].map((name) => ({
    name,
    message: 'workflow and domain code run in the deterministic sandbox: no I/O, no client or worker SDK',
  })),
  patterns: [
    { regex: '^node:', message: 'workflow and domain code may not use Node modules' },
    {
      regex:
        '^(fs|path|os|child_process|net|http|https|crypto|url|util|stream|events|dns|tls|zlib|worker_threads)(/.*)?$',
      message: 'workflow and domain code may not use Node modules',
    },
    {
      regex: '(^|/)contracts/operations$',
      message: 'the operation schemas (zod) load on the first update, through workflows/operation-schemas.ts',
    },
    {
      regex: '(^|/)activities(/|$)',
      allowTypeImports: true,
      message: 'workflows call activities through proxyActivities: import their types only',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'tests/replay/histories/**', '**/*.cjs', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js', '.mjs'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `typeof import(…)` stays allowed: it types a module that is loaded lazily, on first use.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'object-shorthand': 'error',
    },
  },
  {
    // Plain JavaScript entry points run by Node before anything is compiled.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', NOT_IN_THE_SANDBOX] },
  },
  {
    // Tests may use `any` to build invalid inputs on purpose.
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
