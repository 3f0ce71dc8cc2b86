import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist/**', '**/node_modules/**', 'cdktf.out/**', 'coverage/**', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      // The app never imports infra/, infra never imports the app's runtime code,
      // and libraries only compute: they depend on nothing but other utilities.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:greeter', onlyDependOnLibsWithTags: ['scope:greeter'] },
            { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:infra'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
          ],
        },
      ],
    },
  },
  {
    // Tests and their support code may use `any` for event fixtures and `!` after their own assertions.
    files: ['**/*.spec.ts', 'test/**/*.ts', '**/testing/**/*.ts', 'infra/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Formatting is Prettier's (npm run format); ESLint keeps to what Prettier does not decide.
  prettier,
];
