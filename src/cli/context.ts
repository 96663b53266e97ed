import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { createClient, type TatClient } from '../api/client.js';
import { RateLimiter } from '../api/rate-limit.js';
import type { Invocation } from '../api/types.js';
import { credentialProvider, type GlobalFlags, requireRegion, resolveSettings, type Settings, validateValue } from '../config/index.js';
import type { ColorLevel, Formatter } from '../output/types.js';
import { visible } from '../output/escape.js';
import { colorLevel } from './color.js';
import { dryRunTransport } from './curl.js';
import { createUi, type Ui } from './ui.js';
import { parseEndpoint, parseInteger } from '../values.js';
import { VERSION } from '../version.js';

/** Everything a command's run function needs, built once from the injected deps and the global flags. */
export interface CommandContext {
  deps: Deps;
  flags: GlobalFlags;
  settings: Settings;
  ui: Ui;
  colorLevel: ColorLevel;
  /** True when the output format writes each page as it arrives (tsv, ndjson, content). */
  streaming: boolean;
  /** Writes a --debug line to stderr (no-op without --debug). */
  debug(line: string): void;
  /** The API client of the region in the settings; built on first use so that usage errors never need credentials. */
  client(): TatClient;
  /** The regions named by `--region a,b` (or the one region of the settings; empty when none is set). */
  regions: string[];
  /** A client for one region, each with its own rate limit (TAT counts requests per region). */
  clientFor(region: string): TatClient;
  /** A formatter for invocations in the chosen output format. */
  formatter(view: 'list' | 'get', single: boolean): Promise<Formatter<Invocation>>;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
const STREAMING_FORMATS = new Set<string>(['tsv', 'ndjson', 'content']);
export const DEFAULT_RATE_LIMIT = 20;
export const MAX_RETRY_TIME_MS = 120_000;

export interface ContextOptions {
  /** The command queries several regions at once, so `--region a,b` is allowed. */
  manyRegions?: boolean;
}

export async function createContext(deps: Deps, flags: GlobalFlags, options: ContextOptions = {}): Promise<CommandContext> {
  const named = regionList(flags.region, options.manyRegions ?? false);
  const settings = await resolveSettings(named ? { ...flags, region: named[0] } : flags, deps);
  const level = colorLevel(deps.env, deps.io.stdout.isTTY, flags.color === false);
  const ui = createUi(deps, Boolean(flags.quiet));
  const debug = (line: string): void => {
    // Debug lines quote server answers: made visible, so they cannot drive the terminal.
    if (flags.debug) void deps.io.stderr.write(`[debug] ${visible(line, { multiline: true })}\n`);
  };
  // Validate the cheap things now, so bad flags fail before any work.
  const endpoint = parseEndpoint(settings.endpoint, flags.endpoint ? '--endpoint' : 'TAT_ENDPOINT');
  const maxAttempts = flags.maxAttempts === undefined ? DEFAULT_MAX_ATTEMPTS : parseInteger(flags.maxAttempts, '--max-attempts', { min: 1, max: 20 });
  const rateLimit = flags.rateLimit === undefined ? DEFAULT_RATE_LIMIT : parseInteger(flags.rateLimit, '--rate-limit', { min: 0, max: 1000 });
  const format = await chooseFormat(settings.output, deps.io.stdout.isTTY);
  const query = flags.query === undefined ? undefined : await prepareQuery(flags.query, flags.output);

  // One credential chain for every region's client (nothing is read before the first request).
  const credentials = credentialProvider(flags, deps, flags.debug ? debug : undefined);
  const clients = new Map<string, TatClient>();
  const clientFor = (region: string): TatClient => {
    let client = clients.get(region);
    if (!client) {
      client = createClient({
        endpoint,
        region,
        credentials,
        language: settings.language,
        timeoutMs: settings.timeoutMs,
        maxAttempts,
        maxRetryTimeMs: MAX_RETRY_TIME_MS,
        requestClient: `tat-cli/${VERSION}`,
        deps,
        rateLimiter: rateLimit > 0 ? new RateLimiter(rateLimit, deps.now, deps.sleep) : undefined,
        debug: flags.debug ? debug : undefined,
        notice: (line) => ui.notice(line),
        warn: (line) => void deps.io.stderr.write(`${visible(line, { multiline: true })}\n`),
        transport: flags.dryRun ? dryRunTransport(deps) : undefined,
      });
      clients.set(region, client);
    }
    return client;
  };
  return {
    deps,
    flags,
    settings,
    ui,
    colorLevel: level,
    streaming: query === undefined && STREAMING_FORMATS.has(format),
    debug,
    client: () => clientFor(requireRegion(settings)),
    regions: named ?? (settings.region ? [settings.region] : []),
    clientFor,
    async formatter(view, single) {
      if (query) {
        const { createQueryFormatter } = await import('../output/query.js');
        return createQueryFormatter(query.compiled, { out: deps.io.stdout, format: query.format, single: view === 'get' && single });
      }
      const { createFormatter } = await import('../output/registry.js');
      return createFormatter(format, {
        out: deps.io.stdout,
        colorLevel: level,
        columns: deps.io.stdout.columns,
        now: deps.now,
        timeZone: deps.env.TZ || undefined,
        view,
        single,
      });
    },
  };
}

async function chooseFormat(requested: string | undefined, stdoutIsTTY: boolean): Promise<import('../output/registry.js').Format> {
  const { FORMATS, isFormat, defaultFormat } = await import('../output/registry.js');
  if (requested === undefined) return defaultFormat(stdoutIsTTY);
  if (!isFormat(requested))
    throw new UsageError(`output format '${requested}' is not known`, `Use -o with one of: ${FORMATS.join(', ')}.`);
  return requested;
}

/** `--query`: compiled now (a bad expression fails before any request); printed as JSON unless -o says tsv or ndjson. */
async function prepareQuery(expression: string, output: string | undefined) {
  const { compileQuery, QUERY_FORMATS } = await import('../output/query.js');
  const format = QUERY_FORMATS.find((name) => name === output?.trim());
  if (output !== undefined && format === undefined)
    throw new UsageError(`--query cannot be used with -o ${output}`, `--query prints JSON by default; add -o ${QUERY_FORMATS.filter((f) => f !== 'json').join(' or ')} for rows.`);
  return { compiled: await compileQuery(expression), format: format ?? 'json' };
}

/** `--region a,b` → [a, b] (validated, duplicates dropped); undefined for a single region or none. */
function regionList(value: string | undefined, allowed: boolean): string[] | undefined {
  if (value === undefined || !value.includes(',')) return undefined;
  if (!allowed)
    throw new UsageError(`--region '${value}' names several regions, but this command works in one`, 'Give one region, e.g. --region ap-guangzhou.');
  const regions = value.split(',').map((part) => part.trim());
  if (regions.some((region) => region === ''))
    throw new UsageError(`--region '${value}' has an empty region name`, 'Separate regions with commas, e.g. --region ap-guangzhou,ap-shanghai.');
  return [...new Set(regions.map((region) => validateValue('region', region, '--region')))];
}
