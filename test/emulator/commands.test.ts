/**
 * Saved commands through the official Node SDK: DescribeCommands with ids, every filter and
 * paging, each limit and documented code; the store's API the write actions use.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'node:http';
import type { Command } from '../../src/api/types.js';
import { CommandStore, savedCommand } from '../../src/emulator/commands/store.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { errorCode, loopbackAgent, sdkClient, type SdkClient } from './sdk-client.js';

interface CommandPage {
  CommandSet: Command[];
  TotalCount: number;
}

const KEYS = [
  'CommandId',
  'CommandName',
  'Description',
  'Content',
  'CommandType',
  'WorkingDirectory',
  'Timeout',
  'CreatedTime',
  'UpdatedTime',
  'EnableParameter',
  'DefaultParameters',
  'DefaultParameterConfs',
  'Scenes',
  'FormattedDescription',
  'CreatedBy',
  'Tags',
  'Username',
  'OutputCOSBucketUrl',
  'OutputCOSKeyPrefix',
];

describe('DescribeCommands', () => {
  let emu: RunningEmulator;
  let agent: Agent;
  let client: SdkClient;
  const commands = (params: Record<string, unknown>, c: SdkClient = client): Promise<CommandPage> =>
    c.request('DescribeCommands', params) as Promise<CommandPage>;
  const all = async (params: Record<string, unknown> = {}, c: SdkClient = client): Promise<Command[]> =>
    (await commands({ ...params, Limit: 100 }, c)).CommandSet;

  beforeAll(async () => {
    agent = loopbackAgent();
    emu = await startEmulator({ port: 0, rateLimit: 0 });
    client = sdkClient(emu, agent);
  });
  afterAll(async () => {
    agent.destroy();
    await emu.close();
  });

  it('lists the saved commands newest first, 20 by default, with every field of the official description', async () => {
    const page = await commands({});
    expect(page.TotalCount).toBe(19);
    expect(page.CommandSet).toHaveLength(19);
    const times = page.CommandSet.map((c) => Date.parse(c.CreatedTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const c of page.CommandSet) {
      expect(Object.keys(c)).toEqual(KEYS);
      expect(c.CommandId).toMatch(/^cmd-[a-z0-9]{8}$/);
      expect(['SHELL', 'POWERSHELL', 'BAT']).toContain(c.CommandType);
      expect(['TAT', 'USER']).toContain(c.CreatedBy);
      expect(Buffer.from(c.Content, 'base64').toString('base64')).toBe(c.Content);
      expect(Number.isInteger(c.Timeout)).toBe(true);
      expect(typeof c.EnableParameter).toBe('boolean');
      expect(Date.parse(c.UpdatedTime)).toBeGreaterThanOrEqual(Date.parse(c.CreatedTime));
      // A command with parameters documents each of them; one without has none.
      const defaults = c.DefaultParameters === '' ? {} : (JSON.parse(c.DefaultParameters) as Record<string, string>);
      expect(c.EnableParameter).toBe(Object.keys(defaults).length > 0);
      expect(
        Object.fromEntries((c.DefaultParameterConfs ?? []).map((p) => [p.ParameterName, p.ParameterValue])),
      ).toEqual(defaults);
      // Public commands describe themselves in structured JSON and belong to a scene; users' do not.
      if (c.CreatedBy === 'TAT') {
        expect(JSON.parse(c.FormattedDescription)).toMatchObject({ cmdName: c.CommandName, scenes: c.Scenes });
        expect(c.Scenes?.[0]).toMatch(/^sc-[a-z0-9]{8}$/);
      } else {
        expect(c.FormattedDescription).toBe('');
        expect(c.Scenes).toEqual([]);
      }
    }
    expect(page.CommandSet.filter((c) => c.EnableParameter).length).toBeGreaterThanOrEqual(3);
    expect(new Set(page.CommandSet.map((c) => c.CreatedBy))).toEqual(new Set(['TAT', 'USER']));
  });

  it("every command a region's invocations ran is saved there, with their name, script and type", async () => {
    for (const region of ['ap-guangzhou', 'sa-saopaulo']) {
      const c = sdkClient(emu, agent, region);
      const saved = new Map((await all({}, c)).map((command) => [command.CommandId, command]));
      const invocations = (await c.request('DescribeInvocations', { Limit: 100 })) as {
        InvocationSet: Array<{ CommandId: string; CommandName?: string; CommandContent: string; CommandType: string }>;
      };
      for (const inv of invocations.InvocationSet) {
        const command = saved.get(inv.CommandId);
        expect(command).toBeDefined();
        expect(command).toMatchObject({
          Content: inv.CommandContent,
          CommandType: inv.CommandType,
          ...(inv.CommandName ? { CommandName: inv.CommandName } : {}),
        });
      }
    }
  });

  it('CommandIds: those saved, in listing order; unknown well-formed ids are absent', async () => {
    const listing = await all();
    const page = await commands({
      CommandIds: [listing[5]!.CommandId, 'cmd-notsaved', listing[1]!.CommandId, 'cmd-9dxzty3m'],
    });
    expect(page.CommandSet.map((c) => c.CommandId)).toEqual(
      listing
        .filter((c) => [listing[5]!.CommandId, listing[1]!.CommandId, 'cmd-9dxzty3m'].includes(c.CommandId))
        .map((c) => c.CommandId),
    );
    expect(page.TotalCount).toBe(3);
    expect(page.CommandSet.find((c) => c.CommandId === 'cmd-9dxzty3m')).toMatchObject({
      Content: 'cHdk',
      DefaultParameters: '{"k1":"v1"}',
      EnableParameter: true,
    });
  });

  it('Filters: each name, ANDed across filters and ORed within one', async () => {
    const listing = await all();
    const expectFilter = async (
      filters: Array<{ Name: string; Values: string[] }>,
      keep: (c: Command) => boolean,
      atLeast = 1,
    ): Promise<void> => {
      const found = await all({ Filters: filters });
      expect(found).toEqual(listing.filter(keep));
      expect(found.length).toBeGreaterThanOrEqual(atLeast);
    };
    await expectFilter(
      [{ Name: 'command-name', Values: ['nginx-reload', 'show-uptime'] }],
      (c) => ['nginx-reload', 'show-uptime'].includes(c.CommandName),
      2,
    );
    await expectFilter([{ Name: 'command-id', Values: [listing[3]!.CommandId] }], (c) => c === listing[3]);
    await expectFilter([{ Name: 'command-type', Values: ['POWERSHELL', 'BAT'] }], (c) => c.CommandType !== 'SHELL', 4);
    await expectFilter([{ Name: 'created-by', Values: ['TAT'] }], (c) => c.CreatedBy === 'TAT', 3);
    await expectFilter([{ Name: 'created-by', Values: ['user'] }], (c) => c.CreatedBy === 'USER', 10);
    const scene = listing.find((c) => c.CreatedBy === 'TAT')!.Scenes![0]!;
    await expectFilter([{ Name: 'scene-id', Values: [scene] }], (c) => (c.Scenes ?? []).includes(scene), 3);
    await expectFilter([{ Name: 'tag-key', Values: ['team'] }], (c) => c.Tags.some((t) => t.Key === 'team'), 3);
    await expectFilter([{ Name: 'tag-value', Values: ['prod'] }], (c) => c.Tags.some((t) => t.Value === 'prod'), 3);
    await expectFilter(
      [{ Name: 'tag:team', Values: ['dba', 'nobody'] }],
      (c) => c.Tags.some((t) => t.Key === 'team' && t.Value === 'dba'),
      1,
    );
    await expectFilter(
      [
        { Name: 'tag:env', Values: ['prod'] },
        { Name: 'tag:team', Values: ['web'] },
      ],
      (c) =>
        c.Tags.some((t) => t.Key === 'env' && t.Value === 'prod') &&
        c.Tags.some((t) => t.Key === 'team' && t.Value === 'web'),
      1,
    );
    await expectFilter(
      [
        { Name: 'created-by', Values: ['USER'] },
        { Name: 'command-type', Values: ['SHELL'] },
      ],
      (c) => c.CreatedBy === 'USER' && c.CommandType === 'SHELL',
      5,
    );
  });

  it('pages of any size together give the listing once', async () => {
    const listing = await all();
    const pages: Command[] = [];
    for (let offset = 0; offset < listing.length; offset += 4)
      pages.push(...(await commands({ Limit: 4, Offset: offset })).CommandSet);
    expect(pages).toEqual(listing);
    expect((await commands({ Offset: 100 })).CommandSet).toEqual([]);
  });

  it.each([
    [
      '101 CommandIds',
      { CommandIds: Array.from({ length: 101 }, (_, i) => `cmd-${String(i).padStart(8, '0')}`) },
      'InvalidParameterValue',
    ],
    [
      '11 filters',
      { Filters: Array.from({ length: 11 }, () => ({ Name: 'created-by', Values: ['USER'] })) },
      'InvalidParameterValue',
    ],
    [
      '6 values in a filter',
      { Filters: [{ Name: 'command-name', Values: ['a', 'b', 'c', 'd', 'e', 'f'] }] },
      'InvalidParameterValue',
    ],
    ['Limit 101', { Limit: 101 }, 'InvalidParameterValue'],
    ['a negative Offset', { Offset: -1 }, 'InvalidParameterValue'],
    [
      'CommandIds and Filters together',
      { CommandIds: ['cmd-9dxzty3m'], Filters: [{ Name: 'created-by', Values: ['USER'] }] },
      'InvalidParameter.ConflictParameter',
    ],
    ['an unknown filter name', { Filters: [{ Name: 'name', Values: ['x'] }] }, 'InvalidParameterValue.InvalidFilter'],
    ['tag: without a key', { Filters: [{ Name: 'tag:', Values: ['x'] }] }, 'InvalidParameterValue.InvalidFilter'],
    [
      'a filter without values',
      { Filters: [{ Name: 'command-name', Values: [] }] },
      'InvalidParameterValue.InvalidFilter',
    ],
    [
      'command-type in another spelling',
      { Filters: [{ Name: 'command-type', Values: ['shell'] }] },
      'InvalidParameterValue.InvalidFilter',
    ],
    [
      'an unknown creator',
      { Filters: [{ Name: 'created-by', Values: ['ME'] }] },
      'InvalidParameterValue.InvalidFilter',
    ],
    ['a malformed command id', { CommandIds: ['command-1'] }, 'InvalidParameterValue.InvalidCommandId'],
    [
      'a malformed command-id filter value',
      { Filters: [{ Name: 'command-id', Values: ['9dxzty3m'] }] },
      'InvalidParameterValue.InvalidCommandId',
    ],
    ['CommandIds of the wrong type', { CommandIds: 'cmd-9dxzty3m' }, 'InvalidParameter'],
    ['an unknown parameter', { InstanceIds: ['ins-zj0f57ew'] }, 'UnknownParameter'],
  ])('%s: %s', async (_what, params, code) => {
    expect(await errorCode(commands(params))).toBe(code);
  });

  it('limits at their maximum are accepted', async () => {
    const listing = await all();
    const ids = Array.from({ length: 100 }, (_, i) => listing[i % listing.length]!.CommandId);
    expect((await commands({ CommandIds: ids, Limit: 100 })).TotalCount).toBe(listing.length);
    const filters = Array.from({ length: 10 }, () => ({
      Name: 'command-name',
      Values: listing.slice(0, 5).map((c) => c.CommandName),
    }));
    expect((await commands({ Filters: filters })).TotalCount).toBe(5);
  });
});

describe('CommandStore (what RunCommand with SaveCommand and InvokeCommand use)', () => {
  const T = Date.UTC(2025, 0, 2, 3, 4, 5);

  it('savedCommand: a user SHELL command of 60 s run as root in /root, created now, keys in the official order', () => {
    const c = savedCommand({ CommandId: 'cmd-aaaaaaaa', CommandName: 'x', Content: 'cHdk', Description: undefined }, T);
    expect(Object.keys(c)).toEqual(KEYS);
    expect(c).toMatchObject({
      CommandType: 'SHELL',
      Timeout: 60,
      Username: 'root',
      WorkingDirectory: '/root',
      CreatedBy: 'USER',
      Description: '',
      CreatedTime: '2025-01-02T03:04:05Z',
      UpdatedTime: '2025-01-02T03:04:05Z',
      Tags: [],
      EnableParameter: false,
    });
    expect(
      savedCommand({ CommandId: 'cmd-bbbbbbbb', CommandName: 'w', Content: '', CommandType: 'POWERSHELL' }, T),
    ).toMatchObject({ Username: 'System', WorkingDirectory: 'C:\\Program Files\\qcloud\\tat_agent\\workdir' });
  });

  it('add places a command by its CreatedTime; get and byName return copies; an id is saved once', () => {
    const older = savedCommand({ CommandId: 'cmd-older000', CommandName: 'a', Content: '' }, T - 1000);
    const newer = savedCommand({ CommandId: 'cmd-newer000', CommandName: 'a', Content: '' }, T + 1000);
    const store = new CommandStore([older]);
    store.add(newer);
    store.add(savedCommand({ CommandId: 'cmd-middle00', CommandName: 'b', Content: '' }, T));
    expect(store.all().map((c) => c.CommandId)).toEqual(['cmd-newer000', 'cmd-middle00', 'cmd-older000']);
    expect(store.byName('a').map((c) => c.CommandId)).toEqual(['cmd-newer000', 'cmd-older000']);
    const copy = store.get('cmd-older000')!;
    copy.CommandName = 'changed';
    expect(store.get('cmd-older000')?.CommandName).toBe('a');
    expect(store.get('cmd-missing0')).toBeUndefined();
    expect(() => store.add(older)).toThrow(/already saved/);
    expect(store.size).toBe(3);
  });
});
