import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { LIST_FILTER_NAMES, TAT_REGIONS } from '../../src/api/types.js';
import { runCli } from '../helpers/cli.js';

/**
 * Lists that have one home in the code (api/types.ts, config/keys.ts) and are repeated in prose
 * for readers: the prose must say the same thing. Everything in the code derives from the home.
 */

const doc = (name: string): string =>
  readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8').replace(/\s+/g, ' ');
const listAfter = (text: string, lead: string): string[] => {
  const start = text.indexOf(lead);
  expect(start).toBeGreaterThanOrEqual(0);
  return text
    .slice(start + lead.length, text.indexOf('.', start + lead.length))
    .split(',')
    .map((name) => name.trim());
};

describe('one source for every list', () => {
  it('the regions docs/configuration.md and docs/emulator.md name are TAT_REGIONS', () => {
    expect(listAfter(doc('configuration.md'), 'Known regions offered by `tat configure`:')).toEqual([...TAT_REGIONS]);
    expect(listAfter(doc('emulator.md'), 'Accepted regions:')).toEqual([...TAT_REGIONS]);
  });

  it('`tat invocations list --help` names every filter of LIST_FILTER_NAMES', async () => {
    const { stdout } = await runCli(['invocations', 'list', '--help'], { env: {} });
    const section = stdout.slice(stdout.indexOf('Applied by the server'), stdout.indexOf('Applied by tat'));
    expect(
      section
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(' ')[0])
        .filter(Boolean),
    ).toEqual([...LIST_FILTER_NAMES]);
  });

  it('`tat configure set --help` lists every configuration key with its help', async () => {
    const { KEYS, KEY_HELP } = await import('../../src/config/keys.js');
    const { stdout } = await runCli(['configure', 'set', '--help'], { env: {} });
    for (const key of KEYS)
      expect(stdout).toMatch(new RegExp(`\\n  ${key} +${KEY_HELP[key].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
  });
});
