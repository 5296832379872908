import { Server, type ListenOptions } from 'node:net';

// Addresses that mean "every interface" to Node's listen().
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** The loopback address a listen() to a wildcard host is moved to. */
export const LOOPBACK_HOST = '127.0.0.1';

type Listen = (this: Server, ...args: unknown[]) => Server;

const toLoopback = (args: unknown[]): unknown[] => {
  const [first, second, ...rest] = args;
  if (typeof first === 'object' && first !== null && !(first instanceof Server)) {
    const options = first as ListenOptions;
    return options.path === undefined && (options.host === undefined || WILDCARDS.has(options.host))
      ? [{ ...options, host: LOOPBACK_HOST }, ...args.slice(1)]
      : args;
  }
  // listen(port[, host][, backlog][, callback]): a missing or wildcard host becomes loopback.
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/u.test(first))) {
    if (typeof second === 'string' && !WILDCARDS.has(second)) return args;
    return typeof second === 'string' ? [first, LOOPBACK_HOST, ...rest] : [first, LOOPBACK_HOST, ...args.slice(1)];
  }
  return args;
};

/**
 * Runs `start` with every listen() to a wildcard address (0.0.0.0, ::) bound to loopback
 * instead: for a library that hard-codes its host (fauxqs listens on 0.0.0.0), so nothing it
 * opens is reachable from the network. Restored as soon as `start` settles.
 */
export const listeningOnLoopbackOnly = async <T>(start: () => Promise<T>): Promise<T> => {
  const original = Server.prototype.listen as unknown as Listen;
  const onLoopback: Listen = function (this: Server, ...args: unknown[]) {
    return original.apply(this, toLoopback(args));
  };
  Server.prototype.listen = onLoopback as unknown as typeof Server.prototype.listen;
  try {
    return await start();
  } finally {
    Server.prototype.listen = original as unknown as typeof Server.prototype.listen;
  }
};

/** Whether an address (as a socket or URL names it) is loopback: 127.0.0.0/8 or ::1. */
export const isLoopbackAddress = (address: string): boolean => {
  const bare = address.replace(/^\[|\]$/gu, '').replace(/^::ffff:/u, '');
  return bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(bare);
};
