/**
 * What `tat run --no-wait` prints for each invocation it started: its id (one a line in tsv, so
 * `| xargs tat invocations wait` works) and, in json/ndjson, `{InvocationId, CommandId}`.
 */
import type { Resource } from '../resource.js';

export interface StartedRecord {
  InvocationId: string;
  CommandId: string;
}

export const STARTED: Resource<StartedRecord> = {
  noun: 'invocation',
  plural: 'invocations',
  id: (r) => r.InvocationId,
  tsv: [{ name: 'invocation id', source: 'InvocationId', value: (r) => r.InvocationId }],
  table: [
    { header: 'INVOCATION', pinned: true, value: (r) => r.InvocationId },
    { header: 'COMMAND', pinned: true, value: (r) => r.CommandId },
  ],
};
