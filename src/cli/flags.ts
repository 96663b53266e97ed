import type { ConfigFlags } from '../config/index.js';

/**
 * The global flags as commander parsed them (strings, unvalidated): the CLI's own type, checked
 * against the root command's options (GlobalFlagsMatch in program.ts). Configuration reads only
 * its part of them (ConfigFlags: the settings, the profile, the CVM role); the rest are the
 * CLI's (output, colour, diagnostics).
 */
export interface GlobalFlags extends ConfigFlags {
  debug?: boolean;
  color?: boolean;
  quiet?: boolean;
  dryRun?: boolean;
  /** `--query EXPR`: a JMESPath expression over the JSON output. */
  query?: string;
}
