import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { regionalApi } from '../helpers/regional-api.js';

/** --since/--until are read by the reader of API times (api/time.ts): a date that does not exist is refused (issue 23.6). */

describe('a --since or --until that is not a real date is refused, not rolled over', () => {
  it.each([
    ['--since', '2026-02-30'],
    ['--since', '2026-02-29T10:00:00Z'],
    ['--since', '2026-04-31'],
    ['--until', '2026-06-01T25:00'],
    ['--until', '2026-13-01'],
  ])('%s %s: exit 2 before any request', async (flag, value) => {
    const api = regionalApi({ invocations: { 'ap-guangzhou': [] } });
    const result = await runCli(['invocations', 'list', flag, value], { fetch: api.fetch });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`error: ${flag} '${value}' is not a valid time (no such date or time of day)`);
    expect(result.stderr).toContain('2026-11-27T08:00:00Z');
    expect(api.calls).toHaveLength(0);
  });

  it('a leap day that exists is taken', async () => {
    const api = regionalApi({ invocations: { 'ap-guangzhou': [] } });
    const result = await runCli(['invocations', 'list', '--since', '2028-02-29', '-o', 'json'], {
      fetch: api.fetch,
      now: Date.UTC(2028, 2, 1),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('[]\n');
  });
});
