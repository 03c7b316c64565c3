// ESLint: typescript-eslint's recommended type-aware-free rules plus the hooks rules for Preact
// components (Preact hooks follow React's rules). Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'tests/fixtures/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic hooks rules (Preact hooks follow them); v7's React Compiler rules assume React's compiler.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // Control characters in our regexes are deliberate (stripping them from untrusted text).
      'no-control-regex': 'off',
      // The build removes Preact's innerHTML sink (scripts/safe-dom-libs.ts): using it would throw at run time.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML'], Property[key.name='dangerouslySetInnerHTML']",
          message: 'dangerouslySetInnerHTML is disabled in Gist builds: render nodes (e.g. replaceChildren with sanitized nodes).',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
