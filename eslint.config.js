// ESLint flat config: JavaScript's recommended rules plus typescript-eslint's recommended
// type-checked ones, which catch what tsc does not: a promise nobody awaits, a promise passed
// where a callback is expected, a throw of a non-Error. Plain .js/.mjs files get the rules
// that need no types.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['**/node_modules/', 'data/', 'test-output/', 'tmp/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a binding kept on purpose (a port's parameter, a destructured leftover).
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_',
        varsIgnorePattern: '^_',
        caughtErrorsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_',
        ignoreRestSiblings: true,
      }],
      // node:test's describe()/test() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'suite', 'test'] }],
      }],
      // Fastify plugins and port implementations are async by contract, awaiting or not.
      '@typescript-eslint/require-await': 'off',
      // Its fix is unsafe: dropping `deps.log as FastifyBaseLogger` in Fastify({ loggerInstance })
      // changes the inferred logger generic and breaks tsc. Assertions are left to review.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Tests read JSON bodies (`res.json()` is any) and assert on them: the types gain nothing there.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The help center's browser script: a classic script (no modules) with browser globals.
    files: ['web/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
);
