/**
 * Records from several regions carry the `Region` key tat added (src/cli/regions.ts). This
 * wraps a resource so every format shows it: a REGION column first in the table (like
 * kubectl's NAMESPACE with -A), a `Region` line under the id in the detail view, and a `region`
 * column appended to tsv, whose column order is an append-only contract. json/ndjson need
 * nothing: the key is on the object.
 */
import type { Resource } from './resource.js';

export type Regional<T> = T & { Region?: string };

export function withRegion<T>(resource: Resource<T>): Resource<Regional<T>> {
  const region = (r: Regional<T>): string => r.Region ?? '';
  return {
    ...resource,
    tsv: [...resource.tsv, { name: 'region', source: 'Region (added by tat with several regions)', value: region }],
    table: [{ header: 'REGION', flexible: true, min: 6, drop: 5, value: region }, ...resource.table],
    detail: resource.detail && ((r, o) => resource.detail!(r, { ...o, region: region(r) })),
  };
}
