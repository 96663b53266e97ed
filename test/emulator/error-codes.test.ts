/** Every code an action answers is one TAT documents for it (src/emulator/error-codes.ts). */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningEmulator } from '../../src/emulator/index.js';
import {
  ACTION_ERROR_CODES,
  COMMON_ERROR_CODES,
  documentedCode,
  isDocumentedAction,
  isDocumentedCode,
} from '../../src/emulator/error-codes.js';
import { ACTIONS } from '../../src/emulator/query.js';
import { Client, start, testClock } from './helpers.js';

const ids = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(8, 'a')}`);

/** Bad (and some good) bodies for any action: each action ignores or refuses the keys it does not know. */
const BODIES: readonly unknown[] = [
  {},
  { Nope: 1 },
  { Limit: 1000 },
  { Limit: -1 },
  { Offset: -1 },
  { Limit: 'x' },
  { InvocationIds: 'inv-q4zp60g0' },
  { InvocationIds: ['q4zp60g0'] },
  { InvocationIds: ids('inv', 101) },
  { InvocationTaskIds: ['kakne8h2'] },
  { InvocationTaskIds: ids('invt', 101) },
  { InstanceIds: ['i-123'] },
  { InstanceIds: [] },
  { InstanceIds: ids('ins', 201) },
  { CommandIds: ['command-1'] },
  { CommandId: 'command-1' },
  { InvocationId: 'q4zp60g0' },
  { InvocationId: 'inv-zzzzzzzz' },
  { InvocationId: 'inv-q4zp60g0', InstanceIds: ['ins-zzzzzzzz'] },
  { Content: '!!not base64', InstanceIds: ['ins-zj0f57ew'] },
  { Content: 'cHdk', InstanceIds: ['ins-zzzzzzzz'] },
  { Content: 'cHdk', InstanceIds: ['ins-zj0f57ew'], Timeout: 0 },
  { Content: 'cHdk', InstanceIds: ['ins-zj0f57ew'], Parameters: '{"a":' },
  { Filters: 'x' },
  { Filters: [{ Name: 'nope', Values: ['a'] }] },
  { Filters: [{ Name: 'command-id' }] },
  { Filters: [{ Name: 'command-id', Values: [] }] },
  { Filters: [{ Name: 'instance-id', Values: ['i-123'] }] },
  { Filters: [{ Name: 'invocation-id', Values: ['inv-q4zp60g0', 'inv-b', 'inv-c', 'inv-d', 'inv-e', 'inv-f'] }] },
  { Filters: Array.from({ length: 11 }, () => ({ Name: 'command-id', Values: ['cmd-9dxzty3m'] })) },
  { Filters: [{ Name: 'instance-kind', Values: ['ROBOT'] }] },
  { Filters: [{ Name: 'command-created-by', Values: ['ROBOT'] }] },
  { Filters: [{ Name: 'agent-status', Values: ['Asleep'] }] },
  { InvocationIds: ['inv-q4zp60g0'], Filters: [{ Name: 'command-id', Values: ['cmd-9dxzty3m'] }] },
  { InvocationTaskIds: ['invt-kakne8h2'], Filters: [{ Name: 'command-id', Values: ['cmd-9dxzty3m'] }] },
  { HideOutput: 'no' },
];
const RAW_BODIES = ['not json', '[]', `${'['.repeat(40)}${']'.repeat(40)}`];

describe('documented error codes per action', () => {
  it('has a list for every action the emulator serves', () => {
    expect(Object.keys(ACTIONS).filter((action) => !isDocumentedAction(action))).toEqual([]);
    for (const action of [
      'DescribeInvocations',
      'DescribeInvocationTasks',
      'DescribeRegions',
      'RunCommand',
      'InvokeCommand',
      'CancelInvocation',
      'DescribeCommands',
      'DescribeAutomationAgentStatus',
    ]) {
      expect(isDocumentedAction(action)).toBe(true);
    }
  });

  it('lists codes as the SDK writes them, once each', () => {
    for (const [action, codes] of Object.entries(ACTION_ERROR_CODES)) {
      expect([action, new Set(codes).size]).toEqual([action, codes.length]);
      for (const code of codes) expect(code).toMatch(/^[A-Z][A-Za-z]+(\.[A-Z][A-Za-z0-9]+)?$/);
    }
    expect(new Set(COMMON_ERROR_CODES).size).toBe(COMMON_ERROR_CODES.length);
  });

  it('replaces an undocumented code by its nearest documented parent, else InternalError', () => {
    expect(documentedCode('DescribeInvocations', 'InvalidParameterValue.InvalidInstanceId')).toBe(
      'InvalidParameterValue',
    );
    expect(documentedCode('DescribeInvocationTasks', 'InvalidParameterValue.InvalidInstanceId')).toBe(
      'InvalidParameterValue.InvalidInstanceId',
    );
    expect(documentedCode('DescribeInvocationTasks', 'LimitExceeded.FilterValueExceeded')).toBe('LimitExceeded');
    expect(documentedCode('RunCommand', 'InvalidParameterValue.LackOfParameters')).toBe('InvalidParameterValue');
    expect(documentedCode('CancelInvocation', 'ResourceNotFound.InvocationNotFound')).toBe(
      'ResourceNotFound.InvocationNotFound',
    );
    expect(documentedCode('DescribeRegions', 'ResourceNotFound.InvocationNotFound')).toBe('ResourceNotFound');
    expect(documentedCode('DescribeRegions', 'Made.Up.Code')).toBe('InternalError');
    expect(documentedCode('DescribeRegions', 'AuthFailure.SignatureFailure')).toBe('AuthFailure.SignatureFailure');
    expect(isDocumentedCode('DescribeInvocations', 'InvalidParameterValue.InvalidInstanceId')).toBe(false);
  });

  describe('over the wire', () => {
    const clock = testClock();
    let emu: RunningEmulator;
    let client: Client;
    beforeAll(async () => {
      emu = await start({ now: clock.now });
      client = new Client(emu, clock.now);
    });
    afterAll(() => emu.close());

    it('answers only documented codes for every action, whatever the body', async () => {
      const seen = new Map<string, Set<string>>();
      for (const action of Object.keys(ACTIONS)) {
        const codes = new Set<string>();
        for (const body of BODIES) {
          const code = await client.errorCode(body, { action });
          if (code !== undefined) codes.add(code);
        }
        for (const rawBody of RAW_BODIES) {
          const code = await client.errorCode(undefined, { action, rawBody });
          if (code !== undefined) codes.add(code);
        }
        seen.set(action, codes);
      }
      const undocumented = [...seen].flatMap(([action, codes]) =>
        [...codes].filter((code) => !isDocumentedCode(action, code)).map((code) => `${action}: ${code}`),
      );
      expect(undocumented).toEqual([]);
      // The battery really reaches each action's own checks, not only the generic ones.
      expect([...(seen.get('DescribeInvocations') ?? [])]).toEqual(
        expect.arrayContaining([
          'InvalidParameterValue.InvalidInvocationId',
          'LimitExceeded.FilterValueExceeded',
          'InvalidParameterValue',
        ]),
      );
      expect([...(seen.get('DescribeInvocationTasks') ?? [])]).toEqual(
        expect.arrayContaining([
          'InvalidParameterValue.InvalidInvocationTaskId',
          'InvalidParameterValue.InvalidInstanceId',
        ]),
      );
    });

    it('DescribeInvocations answers a malformed instance-id filter with InvalidParameterValue: it documents no InvalidInstanceId', async () => {
      const res = await client.call({ Filters: [{ Name: 'instance-id', Values: ['i-123'] }] });
      expect(res.Error?.Code).toBe('InvalidParameterValue');
      expect(res.Error?.Message).toContain('i-123');
    });
  });
});
