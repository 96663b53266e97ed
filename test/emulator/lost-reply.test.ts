/**
 * A write whose reply is lost (`--drop-write-replies`, `dropWriteReplies()`): the emulator does
 * the write, then closes the connection without answering, so a client can be tested for what
 * it must do then (not send it again: it may have run).
 */
import { describe, expect, it } from '@jest/globals';
import type { Invocation } from '../../src/api/types.js';
import { parseArgs } from '../../src/emulator/cli.js';
import { Client, start, testClock } from './helpers.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('lost write replies', () => {
  it('RunCommand takes effect, then the connection closes without an answer; the next write is answered', async () => {
    const clock = testClock(Math.floor(Date.now() / 1000) * 1000);
    const emu = await start({ now: clock.now, dropWriteReplies: 1 });
    try {
      const client = new Client(emu, clock.now);
      const agents = await client.call(
        {
          Filters: [
            { Name: 'agent-status', Values: ['Online'] },
            { Name: 'environment', Values: ['Linux'] },
          ],
          Limit: 100,
        },
        { action: 'DescribeAutomationAgentStatus' },
      );
      const target = (agents.AutomationAgentSet as Array<{ InstanceId: string }>).find((a) =>
        a.InstanceId.startsWith('ins-'),
      )!.InstanceId;
      const total = async (): Promise<number> => (await client.call({ Limit: 1 })).TotalCount as number;
      const before = await total();

      // Reads are answered as usual; a write that fails is answered too (it did nothing) and does not use up the fault.
      expect(await client.errorCode({ Content: 'not base64!', InstanceIds: [target] }, { action: 'RunCommand' })).toBe(
        'InvalidParameterValue.InvalidContent',
      );
      await expect(
        client.raw({ Content: b64('echo once'), InstanceIds: [target] }, { action: 'RunCommand' }),
      ).rejects.toThrow(/socket hang up|ECONNRESET/);

      // It ran: one new invocation, on the instance, with the script sent.
      expect(await total()).toBe(before + 1);
      const newest = ((await client.call({ Limit: 1 })).InvocationSet as Invocation[])[0]!;
      expect(newest.CommandContent).toBe(b64('echo once'));
      expect(newest.InvocationTaskBasicInfoSet.map((t) => t.InstanceId)).toEqual([target]);

      const answered = await client.call(
        { Content: b64('echo twice'), InstanceIds: [target] },
        { action: 'RunCommand' },
      );
      expect(answered.InvocationId).toMatch(/^inv-/);
      expect(await total()).toBe(before + 2);

      // Armed again while running: CancelInvocation loses its reply too, and did cancel.
      emu.dropWriteReplies(1);
      await expect(client.raw({ InvocationId: answered.InvocationId }, { action: 'CancelInvocation' })).rejects.toThrow(
        /socket hang up|ECONNRESET/,
      );
      clock.advance(5000);
      const cancelled = (
        (await client.call({ InvocationIds: [answered.InvocationId as string] })).InvocationSet as Invocation[]
      )[0]!;
      expect(cancelled.InvocationStatus).toBe('CANCELLED');
    } finally {
      await emu.close();
    }
  });

  it('--drop-write-replies takes a count', () => {
    const parsed = parseArgs(['--drop-write-replies', '2'], {});
    expect(parsed.kind === 'run' && parsed.options.dropWriteReplies).toBe(2);
    const bad = parseArgs(['--drop-write-replies', 'x'], {});
    expect(bad).toEqual({
      kind: 'error',
      message: '--drop-write-replies must be an integer from 0 to 1000000, got "x"',
    });
  });
});
