import { describe, expect, it } from '@jest/globals';
import { createWriteStream } from 'node:fs';
import { nodeOutput, trustedColumns } from '../../src/deps.js';
import { OutputFailedError } from '../../src/errors.js';

describe('writing to the standard streams', () => {
  it.each(['stdout', 'stderr'] as const)(
    'a full device on %s rejects with an error naming that stream and ENOSPC',
    async (name) => {
      const output = nodeOutput(createWriteStream('/dev/full') as unknown as NodeJS.WriteStream, name);
      const failure = await output.write('x'.repeat(100)).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(OutputFailedError);
      expect((failure as Error).message).toMatch(new RegExp(`^cannot write to ${name}: ENOSPC`));
      expect((failure as OutputFailedError).exitCode).toBe(1);
      // Later writes fail the same way at once.
      await expect(output.write('y')).rejects.toBe(failure);
    },
  );

  it.each([
    [0, 80],
    [-3, 80],
    [Number.NaN, 80],
    [undefined, 80],
    [5, 20],
    [132, 132],
    [1e9, 1000],
  ])('a terminal reporting %p columns is laid out in %p', (reported, used) => {
    expect(trustedColumns(reported)).toBe(used);
  });
});
