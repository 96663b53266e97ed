import type { Deps } from '../../../deps.js';
import { messageOf, UsageError } from '../../../errors.js';
import { terminalOf } from '../../terminal/terminal.js';
import { mask, maskSecret } from '../../../redact.js';
import {
  configPaths,
  displayPath,
  isUnknownRegion,
  type Key,
  KNOWN_REGIONS,
  MASKED_KEYS,
  type Profile,
  readStore,
  selectProfile,
  updateStore,
  validateValue,
} from '../../../config/index.js';
import type { GlobalFlags } from '../../flags.js';
import { outputFormatList } from '../../../values.js';
import { notice, unknownRegionWarning } from './common.js';
import { createPrompter, type Prompter } from './prompt.js';

const MAX_TRIES = 3;

/**
 * `tat configure`: asks for SecretId, SecretKey (hidden), region and default output, shows
 * the current values (keys masked) and keeps them on Enter, then saves the profile.
 */
export async function configureInteractive(deps: Deps, flags: GlobalFlags): Promise<void> {
  if (!deps.io.stdin.isTTY || !terminalOf(deps).stderrIsTTY)
    throw new UsageError(
      '`tat configure` asks questions and needs a terminal (stdin and stderr); none is attached',
      [
        'In scripts, set each value instead:',
        '  tat configure set secret-id AKID...',
        '  tat configure set secret-key --secret-key-stdin < key.txt',
        '  tat configure set region ap-guangzhou',
        'or copy existing keys: tat configure import',
      ].join('\n'),
    );
  const paths = configPaths(deps);
  const { name } = selectProfile(flags, deps.env);
  // A corrupt file is refused before any question is asked.
  const current: Profile = (await readStore(paths)).profiles[name] ?? {};
  const shownPath = displayPath(paths.configFile, paths.homeDir);
  await terminalOf(deps).write(
    `Configuring profile "${name}" (${shownPath}). Press Enter to keep the value in [brackets].\n`,
  );

  const prompter = createPrompter(deps);
  const answers: Profile = {};
  try {
    // The SecretId is shown as it is typed (it is no secret: the CAM console shows it in full, and
    // a mistyped one should be seen); only the key is hidden, as \`aws configure\` does.
    const id = await ask(prompter, deps, 'secret-id', 'SecretId', current, {});
    if (id !== undefined) answers['secret-id'] = id;
    // Keys come in pairs: a new SecretId needs its SecretKey.
    const newId = id !== undefined && id !== current['secret-id'];
    const needKey = newId || ((id ?? current['secret-id']) !== undefined && current['secret-key'] === undefined);
    const key = await ask(prompter, deps, 'secret-key', 'SecretKey', newId ? {} : current, {
      hidden: true,
      required: needKey,
    });
    if (key !== undefined) answers['secret-key'] = key;
    await terminalOf(deps).write(`Known regions: ${KNOWN_REGIONS.join(', ')}\n`);
    const region = await ask(prompter, deps, 'region', 'Region', current, {});
    if (region !== undefined) answers.region = region;
    if (region !== undefined && isUnknownRegion(region))
      await terminalOf(deps).write(`${unknownRegionWarning(region)}\n`);
    const output = await ask(
      prompter,
      deps,
      'output',
      `Default output (${outputFormatList()}; empty: table on a terminal, tsv otherwise)`,
      current,
      {},
    );
    if (output !== undefined) answers.output = output;
  } finally {
    prompter.close();
  }

  const keysChanged =
    (answers['secret-id'] !== undefined && answers['secret-id'] !== current['secret-id']) ||
    (answers['secret-key'] !== undefined && answers['secret-key'] !== current['secret-key']);
  await updateStore(
    paths,
    (data) => {
      const next: Profile = { ...(data.profiles[name] ?? {}), ...answers };
      // A session token belongs to the keys it was issued with.
      if (keysChanged) delete next.token;
      data.profiles[name] = next;
    },
    deps,
  );
  if (keysChanged && current.token)
    await notice(deps, flags, 'The stored session token was removed: it belonged to the previous keys.');
  await notice(deps, flags, `Saved profile "${name}" to ${shownPath}.`);
  await notice(deps, flags, `Try: tat invocations list${name === 'default' ? '' : ` --profile ${name}`}`);
}

/** One question; undefined keeps the current value (or leaves it unset). Bad answers are asked again. */
async function ask(
  prompter: Prompter,
  deps: Pick<Deps, 'io' | 'env' | 'sleep' | 'signal'>,
  key: Key,
  label: string,
  current: Profile,
  { hidden = false, required = false }: { hidden?: boolean; required?: boolean },
): Promise<string | undefined> {
  const existing = current[key];
  // Stored values are shown as `configure get` shows them: a SecretId masked, keys by their end.
  const shown =
    existing === undefined
      ? ''
      : ` [${key === 'secret-id' ? mask(existing) : MASKED_KEYS.includes(key) ? maskSecret(existing) : existing}]`;
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    const answer = await prompter.ask(`${label}${shown}${hidden ? ' (input hidden)' : ''}: `, { hidden });
    if (answer === '') {
      if (!required) return undefined;
      await terminalOf(deps).write(`A ${label} is needed with the SecretId.\n`);
      continue;
    }
    try {
      return validateValue(key, answer, label);
    } catch (error) {
      // validateValue never repeats a secret in its message; a likely typo comes with the value meant.
      const meant = error instanceof UsageError ? /^Did you mean [^?]+\?/.exec(error.hint ?? '')?.[0] : undefined;
      await terminalOf(deps).write(`${messageOf(error)}${meant ? ` ${meant}` : ''}\n`);
    }
  }
  throw new UsageError(`no valid ${label} after ${MAX_TRIES} tries; nothing was saved`, 'Run `tat configure` again.');
}
