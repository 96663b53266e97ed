import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Things that used to be written in several commands and drifted apart now have one home each
 * (src/cli/flows/, src/cli/wait/): this fails when a copy comes back elsewhere in src/.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [relative(root, path)] : [];
  });
}

const files = sources(join(root, 'src')).filter((file) => !file.startsWith('src/emulator/'));
const holding = (pattern: RegExp): string[] =>
  files.filter((file) => pattern.test(readFileSync(join(root, file), 'utf8'))).sort();

describe('one place for each', () => {
  it.each([
    ['"not found" messages (exit 3)', /new NotFoundError\(/, ['src/cli/flows/not-found.ts']],
    ['the check that a wait flag needs --wait', /only applies with --wait/, ['src/cli/wait/flags.ts']],
    ['the warning about an id two regions show', /is also in \$\{/, ['src/cli/regions.ts']],
  ])('%s', (_what, pattern, homes) => {
    expect(holding(pattern)).toEqual(homes);
  });

  it('DescribeInvocationTasks is asked (and paged) only in src/api/, never by a command or the wait engine', () => {
    expect(
      holding(/describeInvocationTasks\(|'DescribeInvocationTasks'/).filter((file) => !file.startsWith('src/api/')),
    ).toEqual([]);
  });
});
