import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { ROOT } from '../helpers/spawn.js';

/**
 * Every declared dependency is used (issue 20.8): cli-table3 stayed in package.json, installed by
 * every `npm ci`, long after our grid replaced it. A package counts as used when some source,
 * test, script or bench file imports it, or the tool configuration names it (eslint's parser and
 * plugin, jest's transform, tsconfig's `types`, the npm scripts), or a used package needs it as a
 * peer (commander, which @commander-js/extra-typings types and loads).
 */

const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts: Record<string, string>;
};
const tsconfig = JSON.parse(readFileSync(`${ROOT}tsconfig.json`, 'utf8')) as { compilerOptions: { types?: string[] } };

function files(dir: string): string[] {
  return readdirSync(`${ROOT}${dir}`, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : files(path);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Package names imported (static, dynamic, type-only or required) anywhere in the repository's code. */
function imported(): Set<string> {
  const names = new Set<string>();
  const specifier = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'".][^'"]*)['"]/g;
  for (const file of ['src', 'test', 'scripts', 'bench', 'bin'].flatMap(files)) {
    for (const [, spec] of readFileSync(`${ROOT}${file}`, 'utf8').matchAll(specifier)) {
      const parts = spec!.split('/');
      names.add(spec!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return names;
}

function peerDependencies(name: string): Record<string, string> {
  try {
    return (
      (
        JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, 'utf8')) as {
          peerDependencies?: Record<string, string>;
        }
      ).peerDependencies ?? {}
    );
  } catch {
    return {}; // a Node built-in, or not installed
  }
}

describe('package.json', () => {
  it('declares only packages something uses', () => {
    const used = imported();
    const configuration = [
      readFileSync(`${ROOT}.eslintrc.cjs`, 'utf8'),
      readFileSync(`${ROOT}jest.config.js`, 'utf8'),
      Object.values(manifest.scripts).join('\n'),
    ].join('\n');
    const types = new Set((tsconfig.compilerOptions.types ?? []).map((name) => `@types/${name}`));
    const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    // eslint names a plugin `@scope/eslint-plugin` by its scope alone (plugins: ['@typescript-eslint']).
    const plugins = new Set(
      [...configuration.matchAll(/plugins:\s*\[([^\]]*)\]/g)].flatMap(([, list]) =>
        [...list!.matchAll(/'(@[^'/]+)'/g)].map(([, scope]) => `${scope}/eslint-plugin`),
      ),
    );
    const peers = new Set([...used].flatMap((name) => Object.keys(peerDependencies(name))));
    const unused = declared.filter(
      (name) =>
        !used.has(name) && !types.has(name) && !configuration.includes(name) && !plugins.has(name) && !peers.has(name),
    );
    expect(unused).toEqual([]);
    // The check sees imports: the bundler, the CLI library and the test runner's globals are found.
    expect(declared.filter((name) => used.has(name))).toEqual(
      expect.arrayContaining(['esbuild', '@commander-js/extra-typings', '@jest/globals']),
    );
  });
});
