// Bundled into dist/ at build time, read directly under ts-jest: one source of truth either way.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
