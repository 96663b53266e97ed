/**
 * Why a configuration file is not JSON, without quoting it. V8's messages quote the text around
 * the fault (`Unexpected token 'a', ..."ret-key": abcdefSECR"...`): in a credentials file that is
 * the start of a SecretKey. Only the kind of fault and its line and column are kept.
 */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const kind = (message.split(/[,'"]/)[0] ?? '').replace(/ in JSON.*$/, '').trim() || 'Not valid JSON';
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return kind;
  const before = text.slice(0, Number(position)).split('\n');
  return `${kind} at line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}
