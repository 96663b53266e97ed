import { describe, expect, it } from '@jest/globals';
import { BASE_ENV, runCli } from '../helpers/cli.js';
import { range } from '../helpers/invocations.js';
import { regionalApi } from '../helpers/regional-api.js';
import { task } from '../helpers/tasks.js';

/** 250 tasks, newest first (one minute apart), as DescribeInvocationTasks lists them. */
const tasks = Array.from({ length: 250 }, (_, i) => {
  const created = new Date(Date.UTC(2026, 10, 1) - i * 60_000).toISOString().replace('.000Z', 'Z');
  return task(`invt-${String(i).padStart(8, '0')}`, 'ins-zj0f57ew', { CreatedTime: created });
});

// On a terminal (stdout and stderr the process's own), the spinner of a listing that takes
// several pages says how far it got, for every paged resource (src/cli/listing.ts).
describe('the spinner of a long listing', () => {
  it.each([
    ['invocations', regionalApi({ invocations: { 'ap-guangzhou': range(0, 250) } })],
    ['tasks', regionalApi({ tasks: { 'ap-guangzhou': tasks } })],
  ])('%s list shows "100 of 250" while paging', async (noun, api) => {
    const result = await runCli([noun, 'list', '--limit', '250'], {
      fetch: api.fetch,
      stdoutTTY: true,
      liveStderr: true,
      env: { ...BASE_ENV, NO_COLOR: '1' },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Fetching ${noun}: 100 of 250`);
    expect(result.stderr).toContain(`Showing 250 of 250 ${noun}.`);
    expect(result.stdout).not.toContain('Fetching');
  });
});
