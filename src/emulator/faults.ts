/**
 * Fault injection: a share of requests fail the way a real gateway does, as a 5xx HTML page, a
 * connection reset, or an `InternalError` envelope (HTTP 200).
 */
export type Fault = { kind: 'gateway'; status: 502 | 503 | 504 } | { kind: 'reset' } | { kind: 'internal' };

/** Draws from `random` (one draw decides whether, one which): undefined means no fault. */
export function pickFault(rate: number, random: () => number): Fault | undefined {
  if (rate <= 0 || random() >= rate) return undefined;
  const which = random();
  if (which < 1 / 3) {
    const statuses = [502, 503, 504] as const;
    return { kind: 'gateway', status: statuses[Math.min(2, Math.floor(random() * 3))] ?? 502 };
  }
  return which < 2 / 3 ? { kind: 'reset' } : { kind: 'internal' };
}

const TITLES: Record<number, string> = {
  404: 'Not Found',
  405: 'Not Allowed',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** The HTML page the gateway (stgw) answers with when no API answer comes: unknown paths, methods, 5xx. */
export function gatewayPage(status: number): string {
  const title = `${status} ${TITLES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>stgw</center>\r\n</body>\r\n</html>\r\n`;
}

/** The actions that change something: a lost reply leaves the client unsure whether it happened. */
export const WRITE_ACTIONS: readonly string[] = ['RunCommand', 'InvokeCommand', 'CancelInvocation'];

/**
 * Replies to lose on purpose, changeable while the emulator runs: the next `writeReplies`
 * successful writes take effect, then their connection is closed without an answer, as when a
 * gateway or the network drops a reply the service already acted on.
 */
export interface LostReplies {
  writeReplies: number;
}
