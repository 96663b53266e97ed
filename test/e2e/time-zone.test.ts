import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO_SECRET_KEY } from '../../src/emulator/index.js';
import { startApiServer, json, type ApiServer } from '../helpers/api-server.js';
import { numbered } from '../helpers/invocations.js';
import { emulatorEnv, tat } from '../helpers/spawn.js';

/**
 * Times without a zone, or with an offset after a space, are read by the one reader of times
 * (api/time.ts) for the filters as for the display: as UTC, whatever zone this computer is in
 * (issue 23.6). Before, `Date.parse` read `2026-10-31 23:59:00` as local time, so in Shanghai
 * every row looked eight hours older and `--since 1h --all` stopped at 99 of 250 rows, exit 0;
 * and `…T07:59:50 +08:00` was shown (the display's reader took it) but dropped by the filter.
 * Spawned with TZ set: jest's process.env is a copy, so setting TZ in-process changes nothing.
 */

const pad = (n: number) => String(n).padStart(2, '0');
/** `2026-10-31 23:59:50` (no zone), or Shanghai's wall clock as `2026-11-01T07:59:50 +08:00`. */
function written(ms: number, style: 'zoneless' | 'offset'): string {
  const d = new Date(ms + (style === 'offset' ? 8 * 3_600_000 : 0));
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return style === 'offset' ? `${date}T${clock} +08:00` : `${date} ${clock}`;
}

let server: ApiServer;
beforeEach(async () => {
  server = await startApiServer(DEMO_SECRET_KEY);
});
afterEach(async () => {
  expect(server.unexpected).toEqual([]);
  await server.close();
});

/** Answers pages of `rows` by Offset and Limit, whatever order they are asked in. */
function serve(rows: unknown[], requests: number): void {
  for (let i = 0; i < requests; i++)
    server.reply((request, res) => {
      const offset = Number(request.params.Offset ?? 0);
      const limit = Number(request.params.Limit ?? 20);
      json({ TotalCount: rows.length, InvocationSet: rows.slice(offset, offset + limit) })(request, res);
    });
}

describe('TZ=Asia/Shanghai', () => {
  it.each(['zoneless', 'offset'] as const)(
    'list --since 1h --all returns all 250 rows created in the last hour, written %s',
    async (style) => {
      // Created in the last 42 minutes (one every 10 s, newest first), relative to when the test runs.
      const now = Date.now();
      const rows = Array.from({ length: 250 }, (_, i) =>
        numbered(i, { CreatedTime: written(now - 10_000 * (i + 1), style) }),
      );
      serve(rows, 6);
      const result = await tat(
        ['invocations', 'list', '--since', '1h', '--all', '-o', 'tsv'],
        emulatorEnv(server.url, { TZ: 'Asia/Shanghai' }),
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.trim().split('\n')).toHaveLength(250);
      // Shown as the same instant it was filtered by: UTC with Z.
      expect(result.stdout.split('\n')[0]).toContain(
        `${new Date(Math.floor((now - 10_000) / 1000) * 1000).toISOString().replace('.000Z', 'Z')}`,
      );
    },
  );
});
