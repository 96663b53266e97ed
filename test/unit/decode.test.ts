import { describe, expect, it } from '@jest/globals';
import { expectRecords, type Schema } from '../../src/api/decode.js';

/**
 * The boundary check's schemas are derived from the interfaces of api/types.ts (issue 20.7): a
 * schema must name every field of its interface, each with the check of its type. The
 * `@ts-expect-error` lines are the proof: `npm run typecheck` fails if one of them compiles.
 */

interface Sample {
  Id: string;
  Count: number;
  Done?: boolean;
  Labels?: string[];
  Parts: Array<{ Name: string }>;
  Nested: { Inner: string } | null;
}

const SAMPLE: Schema<Sample> = {
  Id: 'required text',
  Count: 'number',
  Done: 'boolean',
  Labels: { list: 'text' },
  Parts: { list: { Name: 'required text' } },
  Nested: { record: { Inner: 'text' } },
};

describe('Schema<T>', () => {
  it('refuses at compile time a schema that leaves a field out, adds one, or checks the wrong type', () => {
    // @ts-expect-error Count is missing
    const missing: Schema<Sample> = {
      Id: 'text',
      Done: 'boolean',
      Labels: { list: 'text' },
      Parts: { list: { Name: 'text' } },
      Nested: { record: { Inner: 'text' } },
    };
    // @ts-expect-error Count is a number, not text
    const wrong: Schema<Sample> = { ...SAMPLE, Count: 'text' };
    // @ts-expect-error Extra is not a field of Sample
    const extra: Schema<Sample> = { ...SAMPLE, Extra: 'text' };
    // @ts-expect-error Nested is a record, not a list
    const shape: Schema<Sample> = { ...SAMPLE, Nested: { list: { Inner: 'text' } } };
    expect([missing, wrong, extra, shape]).toHaveLength(4);
  });

  const check = (record: Record<string, unknown>) => {
    try {
      expectRecords<Sample>(
        { Set: [{ Id: 'a-1', Count: 1, Parts: [], ...record }] },
        'Set',
        'Id',
        'DescribeSample',
        SAMPLE,
      );
      return 'ok';
    } catch (error) {
      return (error as Error).message.replace('DescribeSample answered with a malformed response: Set[0] (a-1).', '');
    }
  };

  it.each([
    [{}, 'ok'],
    [{ Done: null, Labels: null, Nested: null }, 'ok'],
    [{ Count: '1' }, 'Count is "1", not a number'],
    [{ Done: 'yes' }, 'Done is "yes", not true or false'],
    [{ Labels: ['a', 2] }, 'Labels[1] is number 2, not text'],
    [{ Labels: 'a' }, 'Labels is "a", not a list'],
    [{ Parts: [{ Name: 'x' }, {}] }, 'Parts[1].Name is missing'],
    [{ Parts: [null] }, 'Parts[0] is null, not an object'],
    [{ Nested: { Inner: {} } }, 'Nested.Inner is an object, not text'],
    [{ Nested: [] }, 'Nested is a list (0 items), not an object'],
  ])('checks every nested field: %j → %s', (record, expected) => {
    expect(check(record)).toBe(expected);
  });

  it('names a record without its id by its place', () => {
    expect(() => expectRecords<Sample>({ Set: [{ Count: 1 }] }, 'Set', 'Id', 'DescribeSample', SAMPLE)).toThrow(
      'Set[0] has no Id',
    );
  });
});
