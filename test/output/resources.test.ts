import { describe, expect, it } from '@jest/globals';
import { createPrinter } from '../../src/output/printer.js';
import { FORMATS, type Format } from '../../src/output/registry.js';
import type { Resource } from '../../src/output/resource.js';
import { PROFILE, SETTING, type ProfileRow, type SettingRow } from '../../src/output/resources/configure.js';
import { INVOCATION } from '../../src/output/resources/invocation.js';
import { TASK } from '../../src/output/resources/task.js';
import { AGENT } from '../../src/output/resources/agent.js';
import { COMMAND } from '../../src/output/resources/command.js';
import { agent, savedCommand } from '../helpers/commands.js';
import type { InvocationTask } from '../../src/api/types.js';
import { task } from '../helpers/tasks.js';
import { SEED, fakeOut, context } from './fixtures.js';

/** Every format for every resource: what each prints, from one description per resource. */

async function print<T>(
  format: Format,
  resource: Resource<T>,
  records: T[],
  tty = false,
): Promise<ReturnType<typeof fakeOut>> {
  const out = fakeOut(tty, tty ? 100 : 0);
  const printer = await createPrinter(format, { ...context<T>(out, { timeZone: 'UTC' }), resource });
  await printer.write(records);
  await printer.end();
  return out;
}

const TASKS: InvocationTask[] = [
  task('invt-kakne8h2', 'ins-zj0f57ew', { output: 'héllo\n' }),
  task('invt-jc2onrxm', 'ins-zj0f57ex', { TaskStatus: 'FAILED', exitCode: 1, ErrorInfo: 'oops' }),
];
const SETTINGS: SettingRow[] = [
  { key: 'region', value: 'ap-tokyo', source: '--region' },
  { key: 'language', value: null, source: '' },
];
const PROFILES: ProfileRow[] = [{ name: 'default', active: '*', files: '~/.config/tat/config.json' }];

describe('every format for every resource', () => {
  const cases: Array<[string, Resource<never>, unknown[]]> = [
    ['invocations', INVOCATION as Resource<never>, [SEED]],
    ['tasks', TASK as Resource<never>, TASKS],
    ['settings', SETTING as Resource<never>, SETTINGS],
    ['profiles', PROFILE as Resource<never>, PROFILES],
    [
      'commands',
      COMMAND as Resource<never>,
      [savedCommand('cmd-9dxzty3m'), savedCommand('cmd-6fydo27j', { CreatedBy: 'TAT' })],
    ],
    ['agents', AGENT as Resource<never>, [agent('ins-zj0f57ew'), agent('ins-zj0f57ex', { AgentStatus: 'Offline' })]],
  ];
  for (const [name, resource, records] of cases) {
    for (const format of FORMATS) {
      it(`${name} as ${format}`, async () => {
        const rows = records as never[];
        if (format === 'content' && !resource.content) {
          await expect(print(format, resource, rows)).rejects.toMatchObject({ exitCode: 2 });
          return;
        }
        const text = (await print(format, resource, rows)).text();
        switch (format) {
          case 'json':
            expect(JSON.parse(text)).toEqual(records);
            break;
          case 'ndjson':
            expect(
              text
                .trimEnd()
                .split('\n')
                .map((line) => JSON.parse(line) as unknown),
            ).toEqual(records);
            break;
          case 'tsv':
            expect(text.trimEnd().split('\n')).toHaveLength(records.length);
            expect(text.split('\n')[0]!.split('\t')).toHaveLength(resource.tsv.length);
            break;
          case 'table': {
            const lines = (await print(format, resource, rows, true)).text().trimEnd().split('\n');
            expect(lines[0]).toMatch(new RegExp(`^${resource.table[0]!.header}`));
            expect(lines).toHaveLength(records.length + 1);
            break;
          }
          case 'content':
            expect(text).toContain('==> ');
            break;
        }
      });
    }
  }

  it('settings: null in JSON, <not set> in tsv and the table', async () => {
    expect((await print('tsv', SETTING, SETTINGS)).text()).toBe('region\tap-tokyo\t--region\nlanguage\t<not set>\t\n');
    expect((await print('table', SETTING, SETTINGS, true)).text()).toMatch(/^language +<not set>$/m);
  });

  it('tasks: -o content is the decoded output', async () => {
    expect((await print('content', TASK, [TASKS[0]!])).text()).toBe('==> invt-kakne8h2 <==\nhéllo\n');
  });
});
