// @ts-check
import tseslint from 'typescript-eslint';

/**
 * The layering of ../shared/DESIGN.md: each folder and the project folders it may
 * import. `core/` is the kernel everyone may use; a folder missing from a row is
 * out of bounds (e.g. `models/` is pure text → numbers and knows only `core/`).
 */
export const LAYERS = {
  core: [],
  models: ['core'],
  imports: ['core'],
  scrapers: ['core'],
  pipeline: ['core', 'models'],
  db: ['core'],
  analysis: ['core', 'db', 'models'],
  reports: ['core', 'analysis'],
  web: ['core', 'db', 'analysis', 'reports'],
  samples: ['core', 'models', 'pipeline'],
  cli: ['core', 'models', 'imports', 'scrapers', 'pipeline', 'db', 'analysis', 'reports', 'web'],
  bench: ['core', 'models', 'imports', 'scrapers', 'pipeline', 'db', 'analysis', 'reports', 'web', 'samples'],
};

const PROJECT_FOLDERS = [...Object.keys(LAYERS), 'tests'];

/** One `no-restricted-imports` block per folder, forbidding every project folder it may not use. */
function layerRules() {
  return Object.entries(LAYERS).map(([folder, allowed]) => {
    const forbidden = PROJECT_FOLDERS.filter((other) => other !== folder && !allowed.includes(other));
    // A relative import that climbs into a forbidden top-level folder.
    const regex = `^(\\.\\./)+(${forbidden.join('|')})/`;
    const message = `${folder}/ may import only ${allowed.length === 0 ? 'nothing of the project' : allowed.map((name) => `${name}/`).join(', ')} (layering in eslint.config.js, see ../shared/DESIGN.md).`;
    return {
      files: [`${folder}/**/*.ts`],
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
        // `await import('…')` too: a lazy import is still a dependency.
        'no-restricted-syntax': ['error', { selector: `ImportExpression > Literal[value=/${regex.replaceAll('/', '\\/')}/]`, message }],
      },
    };
  });
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.verbatim/**', 'coverage/**', 'test-artifacts/**', 'web/public/vendor/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  ...layerRules(),
);
