import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { ROOT } from '../helpers/spawn.js';

/**
 * What `npm install -g tat-cli` does is decided by package.json: every library is bundled into
 * dist/ by scripts/build.js, so declaring them as runtime dependencies made a global install pull
 * 42 packages (12 MB) that were never loaded, and a `prepare` script made installing the tarball
 * run a build (and npm warn about install scripts). `.ci/run` installs the real tarball; this
 * checks the manifest and the built files cheaply on every test run.
 */

const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  dependencies?: Record<string, string>;
  scripts: Record<string, string>;
  files: string[];
};

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsFiles(`${dir}/${entry.name}`) : entry.name.endsWith('.js') ? [`${dir}/${entry.name}`] : [],
  );
}

/** Every module specifier dist/ and bin/ import or require at run time, except relative ones. */
function bareImports(): Set<string> {
  const found = new Set<string>();
  for (const file of [...jsFiles(`${ROOT}dist`), ...jsFiles(`${ROOT}bin`)]) {
    const text = readFileSync(file, 'utf8');
    // Real import statements and calls only: ajv's generated-code templates contain
    // require("ajv/dist/runtime/...") inside strings (generated code), which never run as such.
    for (const match of text.matchAll(
      /(?:^|[;\s])(?:import|export)\s[^'"`]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|(?<![`'".\w])require\(\s*['"]([^'"]+)['"]\s*\)/gm,
    )) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (specifier && !specifier.startsWith('.')) found.add(specifier);
    }
  }
  return found;
}

describe('the published package', () => {
  it('declares no runtime dependencies: dist/ imports nothing but Node built-ins', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const foreign = [...bareImports()].filter((specifier) => !builtins.has(specifier));
    expect(foreign).toEqual([]);
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('builds before packing and runs no script when installed', () => {
    expect(manifest.scripts.prepack).toMatch(/\bbuild\b/);
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(manifest.scripts[hook]).toBeUndefined();
    expect(manifest.files).toEqual(expect.arrayContaining(['bin', 'dist', 'docs']));
  });
});
