/** Settings every command shares, after precedence: flag → environment → profile → default. */
export interface Settings {
  profile: string;
  region?: string;
  endpoint: string;
  output?: string;
  language?: string;
  /** Per-attempt timeout, milliseconds. */
  timeoutMs: number;
}

/** The global flags as commander parsed them (strings, unvalidated). */
export interface GlobalFlags {
  output?: string;
  region?: string;
  endpoint?: string;
  profile?: string;
  timeout?: string;
  debug?: boolean;
  color?: boolean;
  quiet?: boolean;
  dryRun?: boolean;
  useCvmRole?: boolean;
  maxAttempts?: string;
  rateLimit?: string;
  /** `--query EXPR`: a JMESPath expression over the JSON output. */
  query?: string;
}

/** Writes one --debug line (without the `[debug] ` prefix); never given a secret. */
export type DebugLog = (line: string) => void;
