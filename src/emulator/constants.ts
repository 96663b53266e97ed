/** Fixed facts the emulator serves: demo credentials, regions, limits. */
import { TAT_REGIONS as API_TAT_REGIONS } from '../api/types.js';

/** The key pair the emulator accepts unless told otherwise (documented in docs/emulator.md). */
export const DEMO_SECRET_ID = 'AKIDtatEmulatorDemo0000000000000000';
export const DEMO_SECRET_KEY = 'tatEmulatorDemoSecretKey0000000000';
/** The session token accepted in `X-TC-Token` unless `tokens` is given. */
export const DEMO_TOKEN = 'tatEmulatorDemoToken0000000000000000';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 9000;
export const DEFAULT_INVOCATIONS = 250;
/** Online Linux CVMs per region beyond those the invocations name: enough for runs of several hundred. */
export const DEFAULT_INSTANCES = 500;
export const DEFAULT_SEED = 20201028;
export const DEFAULT_RATE_LIMIT = 20;
/** The region that holds the seed page's two example invocations. */
export const DEFAULT_REGION = 'ap-guangzhou';

/** Regions where TAT is offered (X-TC-Region values the emulator accepts): the list the CLI offers too. */
export const TAT_REGIONS: readonly string[] = API_TAT_REGIONS;

/** Largest clock skew accepted between X-TC-Timestamp and the server clock, in seconds. */
export const MAX_SKEW_SECONDS = 300;
/** Largest request body accepted (bytes); above it `RequestSizeLimitExceeded`. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/**
 * Request body bytes held at once across every connection (three bodies at the cap); clients
 * beyond it wait for their turn before their bodies are read.
 */
export const MAX_BODY_BYTES_IN_FLIGHT = 32 * 1024 * 1024;
/** TaskResult.Output is capped at 24 KB by the service. */
export const MAX_OUTPUT_BYTES = 24 * 1024;
