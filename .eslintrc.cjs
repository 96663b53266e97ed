/* eslint 8 with typed @typescript-eslint rules; see docs/development.md for why not flat config. */
module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname, sourceType: 'module' },
  plugins: ['@typescript-eslint'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended'],
  env: { node: true, es2022: true },
  ignorePatterns: ['dist/', 'node_modules/', 'bin/', 'scripts/', '*.cjs', 'jest.config.js'],
  rules: {
    // `void promise` is no escape: a rejected fire-and-forget write once crashed `tat --help | head -1`.
    '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    'no-console': ['error'],
    eqeqeq: ['error', 'smart'],
    // An error is never changed once made: error.withContext() copies it, keeping the original as cause.
    'no-restricted-syntax': ['error', {
      selector: "AssignmentExpression[left.type='MemberExpression'][left.property.name=/^(message|hint)$/]",
      message: 'Do not change an error after it was made: throw error.withContext({ message, hint }) instead.',
    }],
  },
  overrides: [
    { files: ['src/emulator/**/*.ts'], rules: { 'no-console': 'off' } },
  ],
};
