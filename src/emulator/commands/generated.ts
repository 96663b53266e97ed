/**
 * A region's saved commands: the fourteen its invocations ran (catalog.ts, with the ids the
 * invocations carry), three more that are saved but not run lately (a public one and a user's
 * with parameters, a user's with tags), and in the default region the seed page's two.
 */
import type { Command, DefaultParameterConf, Tag } from '../../api/types.js';
import { type CommandSpec, LINUX_COMMANDS, WINDOWS_COMMANDS } from '../data/catalog.js';
import { fleetIdentities, uniqueId } from '../data/generator.js';
import { base64, formatTime } from '../data/model.js';
import { createRng, type Rng } from '../data/prng.js';
import { DEFAULT_REGION } from '../constants.js';
import { CommandStore, savedCommand } from './store.js';

/** What each parameter of the catalog's commands means (its DefaultParameterConfs). */
const PARAMETER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  threshold: '告警阈值（百分比）',
  path: 'Directory whose logs are packed',
  service: 'The systemd unit to restart',
  version: 'The git tag to deploy',
  server: 'NTP server to synchronise with',
};

/** Tags of the user's commands, by name: `tag-key`, `tag-value` and `tag:KEY` filters find them. */
const TAGS: Readonly<Record<string, Tag[]>> = {
  'nginx-reload': [{ Key: 'team', Value: 'web' }],
  'mysql-backup': [
    { Key: 'team', Value: 'dba' },
    { Key: 'env', Value: 'prod' },
  ],
  'deploy-app': [
    { Key: 'team', Value: 'web' },
    { Key: 'env', Value: 'prod' },
  ],
  'system-update': [{ Key: 'env', Value: 'prod' }],
};

/** What a saved command is made from: a catalog command, or one of EXTRA. */
type SavedSpec = Pick<
  CommandSpec,
  'name' | 'type' | 'description' | 'script' | 'createdBy' | 'timeout' | 'defaultParameters' | 'verbose'
>;

/** Saved commands no generated invocation ran. */
const EXTRA: SavedSpec[] = [
  {
    name: 'TAT-ConfigureNTP',
    type: 'SHELL',
    description: 'Synchronise the clock with an NTP server (public command)',
    script: '#!/bin/bash\nntpdate -u {{server}}\nhwclock --systohc\necho "synchronised with {{server}}"\n',
    createdBy: 'TAT',
    timeout: 60,
    defaultParameters: '{"server":"ntpupdate.tencentyun.com"}',
  },
  {
    name: 'deploy-app',
    type: 'SHELL',
    description: '发布应用指定版本并重启',
    script:
      '#!/bin/bash\nset -e\ncd /srv/app\ngit fetch --tags && git checkout {{version}}\nsystemctl restart app\necho "deployed {{version}}"\n',
    createdBy: 'USER',
    timeout: 600,
    defaultParameters: '{"version":"v1.0.0"}',
  },
  {
    name: 'show-uptime',
    type: 'SHELL',
    description: 'How long the instance has been up',
    script: 'uptime\n',
    createdBy: 'USER',
    timeout: 30,
    defaultParameters: '',
  },
];

const DAY = 86_400_000;

function confs(defaults: string): DefaultParameterConf[] {
  if (defaults === '') return [];
  // The catalog's own JSON text: an object of strings.
  const parsed = JSON.parse(defaults) as Record<string, string>;
  return Object.entries(parsed).map(([ParameterName, ParameterValue]) => ({
    ParameterName,
    ParameterValue,
    ParameterDescription: PARAMETER_DESCRIPTIONS[ParameterName] ?? '',
  }));
}

/** Public commands describe themselves in structured JSON (the official example's shape); users' have ''. */
function formattedDescription(spec: SavedSpec, scene: string): string {
  if (spec.createdBy !== 'TAT') return '';
  return JSON.stringify({
    scenes: [scene],
    cmd_description: { en: spec.description, 'zh-cn': spec.description, 'name-en': spec.name, 'name-zh-cn': spec.name },
    parameter_description: Object.fromEntries(
      confs(spec.defaultParameters).map((c) => [c.ParameterName, c.ParameterDescription ?? '']),
    ),
    cmdName: spec.name,
    cmdDesc: spec.description,
  });
}

function commandOf(spec: SavedSpec, id: string, rng: Rng, t0: number, bucket: string, scene: string): Command {
  const windows = spec.type !== 'SHELL';
  // Public commands are older than any user's; a user's was last edited some time after it was made.
  const created = spec.createdBy === 'TAT' ? t0 - rng.int(400 * DAY, 900 * DAY) : t0 - rng.int(45 * DAY, 400 * DAY);
  const updated = rng.chance(0.5) ? created : created + rng.int(0, 30 * DAY);
  return savedCommand(
    {
      CommandId: id,
      CommandName: spec.name,
      Description: spec.description,
      Content: base64(spec.script),
      CommandType: spec.type,
      WorkingDirectory: windows ? 'C:\\Program Files\\qcloud\\tat_agent\\workdir' : '/root',
      Timeout: spec.timeout,
      CreatedTime: formatTime(created),
      UpdatedTime: formatTime(Math.min(updated, t0 - DAY)),
      EnableParameter: spec.defaultParameters !== '',
      DefaultParameters: spec.defaultParameters,
      DefaultParameterConfs: confs(spec.defaultParameters),
      Scenes: spec.createdBy === 'TAT' ? [scene] : [],
      FormattedDescription: formattedDescription(spec, scene),
      CreatedBy: spec.createdBy,
      Tags: TAGS[spec.name] ?? [],
      Username: windows ? 'System' : 'root',
      OutputCOSBucketUrl: spec.verbose ? bucket : '',
      OutputCOSKeyPrefix: spec.verbose ? `tat/${spec.name}` : '',
    },
    t0,
  );
}

/** The seed page's two commands (default region): `pwd`, the first with DefaultParameters {"k1":"v1"}. */
function exampleCommands(t0: number): Command[] {
  return [
    savedCommand(
      {
        CommandId: 'cmd-9dxzty3m',
        CommandName: 'print-working-directory',
        Description: 'Test Invocation',
        Content: 'cHdk',
        CreatedTime: '2020-11-09T07:20:31Z',
        EnableParameter: true,
        DefaultParameters: '{"k1":"v1"}',
        DefaultParameterConfs: [{ ParameterName: 'k1', ParameterValue: 'v1', ParameterDescription: '' }],
        OutputCOSBucketUrl: 'https://example-123456789.cos.ap-beijing.myqcloud.com',
        OutputCOSKeyPrefix: 'cosprefix',
      },
      t0,
    ),
    savedCommand(
      { CommandId: 'cmd-kpfoo6py', CommandName: 'pwd', Content: 'cHdk', CreatedTime: '2024-10-25T03:18:30Z' },
      t0,
    ),
  ];
}

export interface GeneratedCommandsOptions {
  /** The region's seed (store.ts `regionSeed`): the one its invocations come from. */
  seed: number;
  region: string;
  t0: number;
}

export function generatedCommands(opts: GeneratedCommandsOptions): CommandStore {
  const seen = new Set<string>();
  // The same first draws as the region's invocations: the ids they carry and their logs' bucket.
  const { commandIds, bucket } = fleetIdentities(createRng(opts.seed), seen, opts.region);
  const rng = createRng((opts.seed ^ 0x3c6ef372) >>> 0);
  const scene = uniqueId(rng, 'sc', seen, 8);
  const commands = [...LINUX_COMMANDS, ...WINDOWS_COMMANDS].map((spec) =>
    commandOf(spec, commandIds.get(spec) ?? uniqueId(rng, 'cmd', seen, 8), rng, opts.t0, bucket, scene),
  );
  for (const spec of EXTRA) commands.push(commandOf(spec, uniqueId(rng, 'cmd', seen, 8), rng, opts.t0, bucket, scene));
  if (opts.region === DEFAULT_REGION) commands.push(...exampleCommands(opts.t0));
  return new CommandStore(commands);
}
