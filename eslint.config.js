import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // test/fixtures/autoquery holds DTO files as ServiceStack's generators print them: inputs, not our code.
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'schemas/**', 'test/fixtures/autoquery/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['bench/**/*.js', '*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  // The QA dashboard's page modules run in the browser (README "QA dashboard").
  {
    files: ['src/dashboard/ui/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          ...['document', 'location', 'fetch', 'performance', 'URL', 'URLSearchParams', 'Blob'],
          ...['setInterval', 'clearInterval', 'console'],
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      complexity: ['warn', 20],
    },
  },
);
