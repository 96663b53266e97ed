/** Settings every command shares, after precedence: flag → environment → profile → default (see keys.ts's SETTINGS). */
export interface Settings {
  profile: string;
  region?: string;
  endpoint: string;
  output?: string;
  language?: string;
  /** Per-attempt timeout, milliseconds. */
  timeoutMs: number;
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Requests per second shared by a run's requests in one region; 0 = no pacing. */
  rateLimit: number;
}

/**
 * What configuration reads of the command line: the flags of the settings (keys.ts's SETTINGS
 * says which), the profile, and the choice of the CVM role. As commander parsed them (strings,
 * unvalidated). The CLI's own flags type (cli/flags.ts) has these and more; config sees only these.
 */
export interface ConfigFlags {
  profile?: string;
  region?: string;
  endpoint?: string;
  output?: string;
  timeout?: string;
  maxAttempts?: string;
  rateLimit?: string;
  useCvmRole?: boolean;
}

/** Writes one --debug line (without the `[debug] ` prefix); never given a secret. */
export type DebugLog = (line: string) => void;
