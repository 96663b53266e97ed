/**
 * What the API client needs to sign a request. The client owns this shape; config/ builds
 * values of it (the credential chain), so the dependency points from config/ to api/.
 */

/** Resolved credentials. `source` names where they came from, for `tat configure list` and --debug. */
export interface Credentials {
  secretId: string;
  secretKey: string;
  token?: string;
  source: string;
  /** Milliseconds since the epoch when temporary credentials expire. */
  expiresAt?: number;
}

/** Yields valid credentials for each attempt (temporary ones are refreshed before they expire). */
export type CredentialProvider = () => Promise<Credentials>;
