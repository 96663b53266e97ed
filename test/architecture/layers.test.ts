import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The layer rules of docs/development.md, checked over the real import graph of src/ (static,
 * type-only and dynamic imports alike): an arrow pointing up, config/ entered by a side door, or
 * any import cycle fails here with the offending files named.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Layer {
  name: string;
  /** The folder (ending in /) or files of src/ that make up the layer. */
  members: string[];
  /** Layers (or single files) this layer may import, besides itself. */
  mayImport: string[];
}

// Top to bottom. Keep in step with the table in docs/development.md (checked below).
const LAYERS: Layer[] = [
  {
    name: 'entry',
    members: ['src/entry.ts', 'src/complete.ts', 'src/main.ts'],
    mayImport: ['cli', 'output', 'config', 'api', 'core'],
  },
  { name: 'cli', members: ['src/cli/'], mayImport: ['output', 'config', 'api', 'core'] },
  { name: 'output', members: ['src/output/'], mayImport: ['api', 'core'] },
  { name: 'config', members: ['src/config/'], mayImport: ['api', 'core'] },
  { name: 'api', members: ['src/api/'], mayImport: ['core'] },
  {
    name: 'core',
    members: [
      'src/deps.ts',
      'src/errors.ts',
      'src/http.ts',
      'src/proxy.ts',
      'src/redact.ts',
      'src/tunnel.ts',
      'src/values.ts',
      'src/version.ts',
    ],
    mayImport: [],
  },
  {
    name: 'emulator',
    members: ['src/emulator/'],
    mayImport: ['src/api/sign.ts', 'src/api/types.ts', 'src/api/order.ts'],
  },
];

function layerOf(file: string): Layer | undefined {
  return LAYERS.find((layer) =>
    layer.members.some((member) => (member.endsWith('/') ? file.startsWith(member) : file === member)),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** file → the src/ files it imports (relative imports only; packages are not layers). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles('src')) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => posix.normalize(posix.join(posix.dirname(file), name)).replace(/\.js$/, '.ts'))
      .filter((target) => target.startsWith('src/') && target.endsWith('.ts'));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

const graph = importGraph();

describe('import graph of src/', () => {
  it('finds the files and their imports (guards against a parser that sees nothing)', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('src/cli/program.ts')).toContain('src/cli/hooks.ts');
    expect(graph.get('src/cli/context.ts')).toContain('src/output/registry.ts'); // a dynamic import
  });

  it('puts every file in a layer', () => {
    const homeless = [...graph.keys()].filter((file) => !layerOf(file));
    expect(homeless).toEqual([]); // add the file or folder to LAYERS and to docs/development.md
  });

  it('has no arrow pointing up or sideways', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      if (!from) continue;
      for (const target of targets) {
        const to = layerOf(target);
        if (to === from) continue;
        if (to && (from.mayImport.includes(to.name) || from.mayImport.includes(target))) continue;
        violations.push(`${file} (${from.name}) imports ${target} (${to?.name ?? 'no layer'})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('enters config/ only through config/index.ts (and keys.ts, for the command tree; profile-names.ts, for completion)', () => {
    const doors = ['src/config/index.ts', 'src/config/keys.ts', 'src/config/profile-names.ts'];
    const sideDoors = [...graph].flatMap(([file, targets]) =>
      file.startsWith('src/config/')
        ? []
        : targets
            .filter((target) => target.startsWith('src/config/') && !doors.includes(target))
            .map((target) => `${file} imports ${target}`),
    );
    expect(sideDoors).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('is the rule table docs/development.md shows', () => {
    const docs = readFileSync(join(root, 'docs', 'development.md'), 'utf8');
    for (const layer of LAYERS) {
      const members = layer.members
        .map((member) => `\`${relative('src', member) || member}${member.endsWith('/') ? '/' : ''}\``)
        .join(', ');
      const may =
        layer.mayImport.length === 0
          ? 'nothing else'
          : layer.mayImport.map((name) => (name.startsWith('src/') ? `\`${relative('src', name)}\`` : name)).join(', ');
      expect(docs).toContain(`| ${layer.name} | ${members} | ${may} |`);
    }
  });
});
