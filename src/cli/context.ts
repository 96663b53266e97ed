import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { createClient, type TatClient } from '../api/client.js';
import { RateLimiter } from '../api/rate-limit.js';
import {
  configPaths,
  credentialProvider,
  requireRegion,
  resolveSettings,
  type Settings,
  validateValue,
} from '../config/index.js';
import type { GlobalFlags } from './flags.js';
import { defaultFormat, formatList, isFormat, type Format } from '../output/registry.js';
import type { Resource } from '../output/resource.js';
import type { ColorLevel, Printer, Shape } from '../output/types.js';
import { dryRunTransport } from './curl.js';
import { terminalOf, type Terminal } from './terminal/terminal.js';
import { retryFeedback } from './retry-feedback.js';
import { InFlight } from './in-flight.js';
import { parseEndpoint } from '../values.js';
import { VERSION } from '../version.js';
import { PROXY_VARIABLES } from '../proxy.js';

/**
 * What every command prints through, `tat configure list` and `profiles` included: one `-o`
 * validation (exit 2), one colour decision, one spinner/notice policy, one printer.
 */
export interface OutputContext {
  deps: Deps;
  flags: GlobalFlags;
  /** The run's one terminal: stdout, stderr, spinner, notices, live block (src/cli/terminal/). */
  terminal: Terminal;
  colorLevel: ColorLevel;
  /** The chosen output format (`-o`, TAT_OUTPUT, the profile, or the default for the terminal). */
  format: Format;
  /** Writes a --debug line to stderr (no-op without --debug). */
  debug(line: string): void;
  /** A printer for `resource` in the chosen format; the command says the shape of what it prints. */
  printer<T>(resource: Resource<T>, shape: Shape): Promise<Printer<T>>;
}

/** Everything an API command's run function needs, built once from the injected deps and the global flags. */
export interface CommandContext extends OutputContext {
  settings: Settings;
  /** The API client of the region in the settings; built on first use so that usage errors never need credentials. */
  client(): TatClient;
  /** The regions named by `--region a,b` (or the one region of the settings; empty when none is set). */
  regions: string[];
  /** A client for one region, each with its own rate limit (TAT counts requests per region). */
  clientFor(region: string): TatClient;
}

export const MAX_RETRY_TIME_MS = 120_000;

/**
 * `requested`: the output setting after precedence (flag, environment, profile); undefined = default.
 * `--query` is compiled here, so a bad expression fails before any request.
 */
export async function createOutputContext(
  deps: Deps,
  flags: GlobalFlags,
  requested: string | undefined,
): Promise<OutputContext> {
  const terminal = terminalOf(deps);
  terminal.configure(flags);
  const format = chooseFormat(requested, terminal.stdoutIsTTY);
  const query = flags.query === undefined ? undefined : await prepareQuery(flags.query, flags.output);
  const level = terminal.colorLevel;
  return {
    deps,
    flags,
    terminal,
    colorLevel: level,
    format,
    debug(line) {
      // Debug lines quote server answers: the terminal makes them visible, so they cannot drive it.
      if (flags.debug) terminal.aside(`[debug] ${line}\n`);
    },
    async printer(resource, shape) {
      if (query) {
        const { createQueryFormatter } = await import('../output/query.js');
        const formatter = createQueryFormatter<never>(query.compiled, {
          out: terminal.stdout,
          format: query.format,
          single: shape.cardinality === 'one',
        });
        // --query searches any JSON, whatever the resource's record type: the formatter never looks at it.
        return { streams: false, write: (records) => formatter.write(records as never[]), end: () => formatter.end() };
      }
      const { createPrinter } = await import('../output/printer.js');
      return createPrinter(format, {
        ...shape,
        resource,
        out: terminal.stdout,
        colorLevel: level,
        columns: terminal.columns,
        now: deps.now,
        timeZone: deps.env.TZ || undefined,
      });
    },
  };
}

export interface ContextOptions {
  /** The command queries several regions at once, so `--region a,b` is allowed. */
  manyRegions?: boolean;
}

export async function createContext(
  deps: Deps,
  flags: GlobalFlags,
  options: ContextOptions = {},
): Promise<CommandContext> {
  const named = regionList(flags.region, options.manyRegions ?? false);
  // One set of configuration files for settings and credentials: each is read once per run, and
  // one that is not the source used and cannot be read is a --debug note (kept until --debug
  // output exists, which needs the settings).
  const notes: string[] = [];
  let note = (line: string): void => void notes.push(line);
  const paths = configPaths(deps, (line) => note(line));
  const settings = await resolveSettings(named ? { ...flags, region: named[0] } : flags, deps, paths);
  const output = await createOutputContext(deps, flags, settings.output);
  const { terminal, debug } = output;
  for (const line of notes) debug(line);
  note = debug;
  // Validate the cheap things now, so bad flags fail before any work.
  const endpoint = parseEndpoint(settings.endpoint, flags.endpoint ? '--endpoint' : 'TAT_ENDPOINT');
  // Attempts and pace are settings like the others (config decides where each may come from).
  const { maxAttempts, rateLimit } = settings;

  const retries = retryFeedback(terminal, rateLimit);
  // One credential chain for every region's client (nothing is read before the first request).
  const credentials = credentialProvider(flags, deps, flags.debug ? debug : undefined, paths);
  const clients = new Map<string, TatClient>();
  const inFlight = new InFlight();
  const clientFor = (region: string): TatClient => {
    let client = clients.get(region);
    if (!client) {
      client = inFlight.wrap(
        retries.wrap(
          createClient({
            endpoint,
            region,
            credentials,
            language: settings.language,
            timeoutMs: settings.timeoutMs,
            maxAttempts,
            maxRetryTimeMs: MAX_RETRY_TIME_MS,
            // Only [0-9a-zA-Z-_,;.], the characters the official SDKs allow in X-TC-RequestClient.
            requestClient: `tat-cli-${VERSION}`,
            deps,
            rateLimiter: rateLimit > 0 ? new RateLimiter(rateLimit, deps.now, deps.sleep) : undefined,
            proxyVariables: PROXY_VARIABLES.filter((name) => deps.env[name]),
            debug: flags.debug ? debug : undefined,
            notice: retries.onRetry,
            warn: (line) => terminal.aside(`${line}\n`),
            transport: flags.dryRun ? dryRunTransport(terminal) : undefined,
          }),
        ),
      );
      clients.set(region, client);
    }
    return client;
  };
  return {
    ...output,
    settings,
    client: () => clientFor(requireRegion(settings)),
    regions: named ?? (settings.region ? [settings.region] : []),
    clientFor,
  };
}

function chooseFormat(requested: string | undefined, stdoutIsTTY: boolean): Format {
  if (requested === undefined) return defaultFormat(stdoutIsTTY);
  if (!isFormat(requested))
    throw new UsageError(`output format '${requested}' is not known`, `Use -o with one of: ${formatList()}.`);
  return requested;
}

/** `--region a,b` → [a, b] (validated, duplicates dropped); undefined for a single region or none. */
function regionList(value: string | undefined, allowed: boolean): string[] | undefined {
  if (value === undefined || !value.includes(',')) return undefined;
  if (!allowed)
    throw new UsageError(
      `--region '${value}' names several regions, but this command works in one`,
      'Give one region, e.g. --region ap-guangzhou.',
    );
  const regions = value.split(',').map((part) => part.trim());
  if (regions.some((region) => region === ''))
    throw new UsageError(
      `--region '${value}' has an empty region name`,
      'Separate regions with commas, e.g. --region ap-guangzhou,ap-shanghai.',
    );
  return [...new Set(regions.map((region) => validateValue('region', region, '--region')))];
}

/** `--query`: printed as JSON unless -o says tsv or ndjson. */
async function prepareQuery(expression: string, output: string | undefined) {
  const { compileQuery, QUERY_FORMATS } = await import('../output/query.js');
  const format = QUERY_FORMATS.find((name) => name === output?.trim());
  if (output !== undefined && format === undefined)
    throw new UsageError(
      `--query cannot be used with -o ${output}`,
      `--query prints JSON by default; add -o ${QUERY_FORMATS.filter((f) => f !== 'json').join(' or ')} for rows.`,
    );
  return { compiled: await compileQuery(expression), format: format ?? 'json' };
}
