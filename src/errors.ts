/**
 * How a command ends: it returns (exit 0) or throws. Typed errors carry their exit code, and
 * `report()` in main.ts is the one place that turns any thrown value into a message and an exit
 * code (see docs/exit-codes.md). An error that needs more context is copied with `withContext()`
 * (the original kept as `cause`), never changed after it was thrown.
 */

export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  NotFound: 3,
  Auth: 4,
  /** `--exit-status` (invocations wait, invocations output): an invocation or task ended otherwise than SUCCESS. */
  WaitFailed: 5,
  /** `invocations wait`: --max-wait ran out before every invocation ended. */
  WaitTimedOut: 6,
  /** A write (RunCommand, InvokeCommand, CancelInvocation) was sent, and nothing says whether it took effect. */
  OutcomeUnknown: 7,
  Interrupted: 130,
  Terminated: 143,
} as const;

export class TatError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** What the user can do about it; printed on its own line. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * The same error with more context (a longer message, a better hint), the original as `cause`.
   * A copy of the same class rather than a wrapper, so that `instanceof ApiError` and fields
   * such as `code` still hold for whoever catches it next.
   */
  withContext(context: { message?: string; hint?: string }): this {
    // Object.create gives `any` and getPrototypeOf `any`: the copy has this error's own prototype,
    // so it is of the same class, which is what `this` says.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this, {
      message: context.message ?? this.message,
      hint: context.hint ?? this.hint,
      cause: this,
    });
    copy.stack = `${this.name}: ${copy.message}\n${this.stack?.split('\n').slice(1).join('\n') ?? ''}`;
    return copy;
  }
}

/** Bad flags, arguments or configuration: refused before any request is sent. */
export class UsageError extends TatError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Usage, hint);
  }
}

/** Missing or rejected credentials. */
export class CredentialsError extends TatError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Auth, hint);
  }
}

/** Requested invocations that do not exist. */
export class NotFoundError extends TatError {
  constructor(
    message: string,
    readonly missing: string[],
    hint?: string,
  ) {
    super(message, ExitCode.NotFound, hint);
  }
}

/**
 * UnauthorizedOperation codes that say the credentials themselves failed (a bad token, a
 * missing or expired MFA, CAM refusing the key): exit 4 like AuthFailure.*. Other
 * UnauthorizedOperation codes are about the request and stay 1.
 */
const CREDENTIAL_HINTS: Record<string, string> = {
  'UnauthorizedOperation.InvalidToken':
    'The session token is invalid or expired; get new temporary credentials (or drop TENCENTCLOUD_SESSION_TOKEN if you use a permanent key).',
  'UnauthorizedOperation.MFAExpired':
    'The MFA session has expired; get new temporary credentials with a fresh MFA code.',
  'UnauthorizedOperation.MFANotFound':
    'This key requires MFA; get temporary credentials with an MFA code (sts:GetSessionToken) and use them.',
  'UnauthorizedOperation.CamAuthFailed':
    'CAM refused the key: check that it is enabled and that its user may call TAT (CAM policy QcloudTATReadOnlyAccess).',
};

export function isCredentialFailure(code: string): boolean {
  return code.startsWith('AuthFailure') || code in CREDENTIAL_HINTS;
}

/** The API answered with `Response.Error`. AuthFailure.* and credential UnauthorizedOperation.* map to exit 4, the rest to 1. */
export class ApiError extends TatError {
  constructor(
    readonly code: string,
    readonly apiMessage: string,
    readonly requestId: string | undefined,
    readonly action: string,
    hint?: string,
  ) {
    super(
      `${action} failed: ${code}: ${apiMessage}${requestId ? ` (RequestId ${requestId})` : ''}`,
      isCredentialFailure(code) ? ExitCode.Auth : ExitCode.Failure,
      hint ?? hintForApiCode(code, action),
    );
  }
}

/** What is known of how a request failed, beyond its message (read by api/retry.ts). */
export interface TransportFacts {
  /** The HTTP status of an answer that was not an API answer (a 502 page, a 429). */
  readonly status?: number;
  /**
   * The failure came before any byte of the request left (DNS, a refused connection, a TLS
   * handshake, a proxy refusing the tunnel): the server cannot have acted on it.
   */
  readonly beforeSending?: boolean;
  /** --timeout ran out for the attempt. */
  readonly timedOut?: boolean;
}

/** The request did not get a well-formed API answer: network failure, gateway page, timeout. */
export class TransportError extends TatError {
  constructor(
    message: string,
    readonly retryable: boolean,
    hint?: string,
    /** The network error code (ECONNRESET, ECONNREFUSED...), when there was one. */
    readonly networkCode?: string,
    readonly facts: TransportFacts = {},
  ) {
    super(message, ExitCode.Failure, hint);
  }
}

/**
 * A write (RunCommand, InvokeCommand, CancelInvocation) was sent, then the answer was lost (a
 * timeout, a reset, a 5xx, InternalError): it may or may not have taken effect, and sending it
 * again could run a command twice, so it was not (exit 7). Whoever sent it words the hint that
 * finds out (`tat run` prints the listing).
 */
export class OutcomeUnknownError extends TatError {
  constructor(
    readonly action: string,
    /** When the last attempt was sent (ms since the epoch), for a listing that finds out. */
    readonly sentAt: number,
    /** What went wrong with the answer. */
    readonly failure: ApiError | TransportError,
    hint = 'tat did not send it again, since it may have run. Check before running it again, e.g. `tat invocations list --since 10m`.',
  ) {
    super(`${action} may or may not have taken effect: ${failure.message}`, ExitCode.OutcomeUnknown, hint);
  }
}

/** `invocations wait --exit-status`: some invocations ended otherwise than SUCCESS (exit 5). */
export class WaitFailedError extends TatError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.WaitFailed, hint);
  }
}

/** `invocations output --exit-status`: some tasks did not end in SUCCESS with exit code 0 (exit 5). */
export class TasksFailedError extends TatError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.WaitFailed, hint);
  }
}

/** `invocations wait`: --max-wait ran out with invocations still running (exit 6). */
export class MaxWaitExceededError extends TatError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.WaitTimedOut, hint);
  }
}

/**
 * The signals tat stops cleanly on (bin/tat.js listens to each; a second one ends the process by
 * the signal itself), with their numbers: a run they stop exits 128 + n, as a shell reports a
 * process the signal killed. Every one that ends a process by default and can be caught, but
 * SIGUSR1 (Node's debugger) and SIGPIPE (Node ignores it; a closed stdout is OutputClosed).
 */
export const STOP_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGUSR2: 12, SIGALRM: 14, SIGTERM: 15 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

export function isStopSignal(value: unknown): value is StopSignal {
  return typeof value === 'string' && Object.hasOwn(STOP_SIGNALS, value);
}

/** The user pressed Ctrl-C (130), or the process got SIGTERM (143), SIGHUP (129) or another stop signal. */
export class InterruptedError extends TatError {
  constructor(readonly signal: StopSignal) {
    super(`interrupted (${signal})`, 128 + STOP_SIGNALS[signal]);
  }
}

/** The command whose flags fill an action's parameters, for hints that name what to check. */
const FLAGS_OF: Record<string, string> = {
  RunCommand:
    'the script, --param and the other flags of `tat run` (or the invocation `tat invocations rerun` repeats); `tat run --help` lists what each takes',
  InvokeCommand:
    '--command-id, --param and the other flags of `tat run`; `tat commands get ID` shows the parameters a saved command takes',
  CancelInvocation: 'the invocation id and --instances; `tat invocations tasks ID` lists the instances it ran on',
  DescribeCommands:
    'the values given to --filter, --id, --limit and --offset; `tat commands list --help` lists what each takes',
  DescribeAutomationAgentStatus:
    'the values given to --status, --environment, --instances, --limit and --offset; `tat agents list --help` lists what each takes',
};

/** Actions that change something: a read-only CAM policy does not allow them. */
const WRITES = new Set(['RunCommand', 'InvokeCommand', 'CancelInvocation']);

function hintForApiCode(code: string, action: string): string | undefined {
  if (code === 'AuthFailure.SecretIdNotFound' || code === 'AuthFailure.InvalidSecretId')
    return 'Check TENCENTCLOUD_SECRET_ID (or your profile): the key does not exist or was deleted.';
  if (code === 'AuthFailure.SignatureFailure')
    return 'Check that the SecretKey belongs to the SecretId; see `tat configure list`.';
  if (code === 'AuthFailure.SignatureExpire')
    return "Your computer's clock is off by more than 5 minutes; sync it (e.g. `timedatectl set-ntp true`).";
  if (code === 'AuthFailure.TokenFailure')
    return 'The session token is invalid or expired; refresh your temporary credentials.';
  if (CREDENTIAL_HINTS[code]) return CREDENTIAL_HINTS[code];
  if (code.startsWith('AuthFailure') || code.startsWith('UnauthorizedOperation'))
    return WRITES.has(action)
      ? `Check that the credentials are valid and allowed to call ${action} (a read-only CAM policy such as QcloudTATReadOnlyAccess is not enough).`
      : 'Check that the credentials are valid and allowed to call TAT (CAM policy QcloudTATReadOnlyAccess).';
  if (code === 'UnsupportedRegion') return 'Pick a region where TAT is available, e.g. --region ap-guangzhou.';
  if (code === 'InvalidCommandId' || code === 'InvalidParameterValue.InvalidCommandId')
    return 'Command ids look like cmd-9dxzty3m; `tat invocations list` shows the CommandId of recent invocations.';
  if (code === 'InvalidInvocationId' || code === 'InvalidParameterValue.InvalidInvocationId')
    return 'Invocation ids look like inv-q4zp60g0; `tat invocations list` shows recent ones.';
  if (code === 'InvalidInstanceId' || code === 'InvalidParameterValue.InvalidInstanceId')
    return 'Instance ids look like ins-zj0f57ew (CVM) or lhins-… (Lighthouse); check the id and the region.';
  if (code.startsWith('InvalidParameterValue') || code.startsWith('InvalidParameter'))
    return `Check ${FLAGS_OF[action] ?? 'the values given to --filter, --id, --limit and --offset; `tat invocations list --help` lists what each takes'}.`;
  if (code.startsWith('RequestLimitExceeded'))
    return 'The account is over its request rate; lower --rate-limit or try again shortly.';
  return undefined;
}

/** `tat configure get KEY` for a key the profile does not hold: exit 1, as for `git config`. */
export class KeyNotSetError extends TatError {
  constructor(key: string, profile: string) {
    super(
      `${key} is not set in profile "${profile}"`,
      ExitCode.Failure,
      `Set it with \`tat configure set ${key} VALUE\`; \`tat configure list\` shows where every setting comes from.`,
    );
  }
}

/**
 * Not a failure, so not a TatError: the run has nothing more to do and ends quietly with 0.
 * Thrown only to unwind from deep inside (a write, the transport); main.ts catches it.
 */
export abstract class RunEnded extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = new.target.name;
  }
}

/** --dry-run printed the first request instead of sending it. */
export class DryRunDone extends RunEnded {
  constructor() {
    super('dry run: the request was printed, not sent');
  }
}

/** stdout was closed by the reader (`tat ... | head -1`): stop working. */
export class OutputClosed extends RunEnded {
  constructor(readonly stream: StreamName = 'stdout') {
    super(`${stream} closed by the reader`);
  }
}

/** Which standard stream a write went to, so errors name the right one. */
export type StreamName = 'stdout' | 'stderr';

/** A write failed for any other reason (`> /dev/full`, a full disk, an I/O error): exit 1, naming the cause. */
export class OutputFailedError extends TatError {
  constructor(
    readonly stream: StreamName,
    readonly code: string | undefined,
    detail: string,
  ) {
    super(
      `cannot write to ${stream}: ${detail}`,
      ExitCode.Failure,
      code === 'ENOSPC'
        ? 'The device or file system is full; free some space or write elsewhere.'
        : `Check where ${stream} is redirected to.`,
    );
  }
}

/**
 * The message of a caught value (`catch` gives `unknown`): an Error's message, or the value as
 * text when something else was thrown.
 */
export function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
    ? error.message
    : String(error);
}

/** The `code` of a caught Node.js system error (`ENOENT`, `EACCES`, ...), if it has one. */
export function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
