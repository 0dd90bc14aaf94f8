import tseslint from 'typescript-eslint';

// Layers below the Electron host must run in plain Node (CLI, worker, tests).
const noElectron = {
  'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'engine, storage and studio never import electron' }], patterns: ['electron/*'] }],
};

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src-main/engine/**', 'src-main/storage/**', 'src-main/studio/**', 'src-main/cli/**'], rules: noElectron },
);
