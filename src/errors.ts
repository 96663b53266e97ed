/**
 * Typed errors carry their exit code. `toExit()` in main.ts is the one place that turns any
 * thrown value into a message and an exit code (see docs/exit-codes.md).
 */

export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  NotFound: 3,
  Auth: 4,
  /** `invocations wait --exit-status`: an invocation ended otherwise than SUCCESS. */
  WaitFailed: 5,
  /** `invocations wait`: --max-wait ran out before every invocation ended. */
  WaitTimedOut: 6,
  Interrupted: 130,
  Terminated: 143,
} as const;

export class TatError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** What the user can do about it; printed on its own line. Callers that know more may replace it. */
    public hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
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

/** The API answered with `Response.Error`. AuthFailure.* maps to exit 4, the rest to 1. */
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
      code.startsWith('AuthFailure') ? ExitCode.Auth : ExitCode.Failure,
      hint ?? hintForApiCode(code),
    );
  }
}

/** The request did not get a well-formed API answer: network failure, gateway page, timeout. */
export class TransportError extends TatError {
  constructor(
    message: string,
    readonly retryable: boolean,
    hint?: string,
    /** The network error code (ECONNRESET, ECONNREFUSED...), when there was one. */
    readonly networkCode?: string,
  ) {
    super(message, ExitCode.Failure, hint);
  }
}

/** The user pressed Ctrl-C (130) or the process got SIGTERM (143). */
export class InterruptedError extends TatError {
  constructor(signal: 'SIGINT' | 'SIGTERM') {
    super(`interrupted (${signal})`, signal === 'SIGINT' ? ExitCode.Interrupted : ExitCode.Terminated);
  }
}

function hintForApiCode(code: string): string | undefined {
  if (code === 'AuthFailure.SecretIdNotFound' || code === 'AuthFailure.InvalidSecretId')
    return 'Check TENCENTCLOUD_SECRET_ID (or your profile): the key does not exist or was deleted.';
  if (code === 'AuthFailure.SignatureFailure')
    return 'Check that the SecretKey belongs to the SecretId; see `tat configure list`.';
  if (code === 'AuthFailure.SignatureExpire')
    return "Your computer's clock is off by more than 5 minutes; sync it (e.g. `timedatectl set-ntp true`).";
  if (code === 'AuthFailure.TokenFailure')
    return 'The session token is invalid or expired; refresh your temporary credentials.';
  if (code.startsWith('AuthFailure') || code.startsWith('UnauthorizedOperation'))
    return 'Check that the credentials are valid and allowed to call TAT (CAM policy QcloudTATReadOnlyAccess).';
  if (code === 'UnsupportedRegion') return 'Pick a region where TAT is available, e.g. --region ap-guangzhou.';
  if (code.startsWith('RequestLimitExceeded'))
    return 'The account is over its request rate; lower --rate-limit or try again shortly.';
  return undefined;
}

/** --dry-run printed the request instead of sending it: a success that ends the command. */
export class DryRunComplete extends TatError {
  constructor() {
    super('dry run complete', ExitCode.Ok);
  }
}

/** stdout was closed by the reader (`tat ... | head -1`): stop working and end quietly with 0. */
export class OutputClosedError extends TatError {
  constructor() {
    super('stdout closed', ExitCode.Ok);
  }
}
