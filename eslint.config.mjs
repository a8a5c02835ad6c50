// `npm run lint` (with the dependency rules of .dependency-cruiser.cjs). Rules that need no type information,
// so the whole tree lints in seconds; `npm run typecheck` is where the types are checked.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', '**/.taro-cache/', '**/.cache/', '**/.swc/', 'coverage/', 'data/', 'test/artifacts/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks what is left out on purpose: `const { secret: _secret, ...rest } = row`, an unused parameter.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['server/**/*.ts', 'test/**/*.ts', 'bench/**/*.{js,mjs}', 'scripts/**/*.{js,mjs}', '*.{js,mjs,cjs}', '**/*.config.{js,cjs,mjs,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs', 'miniprogram/babel.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    // CommonJS files load their dependencies with require(); that is what they are for.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['miniprogram/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['miniprogram/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // Pages load their data in an effect that first clears the previous error (no data-fetching library); the rule is
      // written for the React Compiler, which this Taro build does not use.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e.ts', '**/*.test.ts', 'server/test/**/*.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  prettier,
);
