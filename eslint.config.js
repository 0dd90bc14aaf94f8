import tseslint from 'typescript-eslint';

const electron = { name: 'electron', message: 'engine, storage and studio never import electron' };
// Callers of the engine see its public entry (src-main/engine/index.ts), never its insides.
const engineInsides = { group: ['**/engine/*', '!**/engine/index', '!**/engine/index.js'], message: 'import the engine through its public entry, src-main/engine/index.ts' };

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layers below the Electron host run in plain Node (CLI, engine process, tests).
  { files: ['src-main/engine/**'], rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: ['electron/*'] }] } },
  {
    files: ['src-main/storage/**', 'src-main/studio/**', 'src-main/cli/**', 'src-main/engine-host/**', 'src-main/host/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: [{ group: ['electron/*'], message: electron.message }, engineInsides] }] },
  },
  { files: ['src-main/app/**', 'src-main/preload/**', 'src-main/transport/**', 'src-main/contract.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [engineInsides] }] } },
);
