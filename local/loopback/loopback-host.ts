// A Host header's name and optional port: a bracketed IPv6 literal or anything without a colon.
const HOST = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/iu;

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a Host header names this machine by a loopback name (localhost, 127.0.0.1, [::1]),
 * with any port. A page whose DNS name was rebound to 127.0.0.1 still sends its own name, so
 * answering these only keeps other origins out.
 */
export const isLoopbackHost = (host: string | undefined): boolean => {
  const match = host === undefined ? null : HOST.exec(host.trim());
  return match !== null && LOOPBACK_NAMES.has(match[1]!.toLowerCase());
};
