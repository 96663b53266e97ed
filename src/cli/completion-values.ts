/**
 * What an option's value can be, said where the option is defined, so that shell completion
 * (commands/completion/spec.ts) reads it from the command tree instead of keeping its own list of
 * which command takes which statuses or filters. A command added with `addListingOptions`, or any
 * option given values here, is completed without touching completion. Kept light: the command
 * tree loads it at start-up.
 */

export type CompletionValues =
  /** One of `words`; with `list`, several, comma-separated (`--status FAILED,TIMEOUT`). */
  | { kind: 'words'; words: readonly string[]; list: boolean }
  /** `NAME=V1,V2` with NAME one of `names` (values from api/types.ts's FILTER_VALUE_CHOICES). */
  | { kind: 'filter'; names: readonly string[] }
  /** A profile name, read from the configuration files when completing. */
  | { kind: 'profiles' };

export const oneOf = (words: readonly string[]): CompletionValues => ({ kind: 'words', words, list: false });
export const listOf = (words: readonly string[]): CompletionValues => ({ kind: 'words', words, list: true });
export const filters = (names: readonly string[]): CompletionValues => ({ kind: 'filter', names });
export const PROFILES: CompletionValues = { kind: 'profiles' };

const declared = new WeakMap<object, CompletionValues>();

/**
 * Declares what the value of `command`'s option `flag` (its long form) can be. Throws while the
 * tree is built when there is no such option: a flag renamed on one side fails every test.
 */
export function completes<C extends { readonly options: readonly { readonly long?: string }[] }>(
  command: C,
  flag: string,
  values: CompletionValues,
): C {
  const option = command.options.find((candidate) => candidate.long === flag);
  if (!option) throw new Error(`completes(): the command has no option ${flag}`);
  declared.set(option, values);
  return command;
}

/** What completes() declared for this option, if anything. */
export function completionValues(option: object): CompletionValues | undefined {
  return declared.get(option);
}
