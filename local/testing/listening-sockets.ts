import { readdir, readFile, readlink } from 'node:fs/promises';

/** One TCP socket this process listens on: its local address and port. */
export interface ListeningSocket {
  address: string;
  port: number;
}

// /proc/net/tcp{,6} columns: sl local_address rem_address st … inode; state 0A is LISTEN.
const LISTEN_STATE = '0A';

// The kernel writes addresses as hex, 32-bit words in host (little-endian) byte order.
const ipv4Of = (hex: string): string => [...Buffer.from(hex, 'hex').reverse()].join('.');
const ipv6Of = (hex: string): string => {
  const words = hex.match(/.{8}/gu)!.map((word) => Buffer.from(word, 'hex').reverse());
  const bytes = Buffer.concat(words);
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/u, '::');
};

const socketInodes = async (pid: number | 'self'): Promise<Set<string>> => {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/u.exec(target)?.[1];
    if (inode) inodes.add(inode);
  }
  return inodes;
};

/** Every TCP socket a process (this one by default) listens on, from /proc (Linux only). */
export const listeningSockets = async (pid: number | 'self' = 'self'): Promise<ListeningSocket[]> => {
  const inodes = await socketInodes(pid);
  const sockets: ListeningSocket[] = [];
  for (const [file, addressOf] of [['tcp', ipv4Of], ['tcp6', ipv6Of]] as const) {
    const table = await readFile(`/proc/${pid}/net/${file}`, 'utf8').catch(() => '');
    for (const line of table.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/u);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (!local || state !== LISTEN_STATE || !inode || !inodes.has(inode)) continue;
      const [hexAddress, hexPort] = local.split(':') as [string, string];
      sockets.push({ address: addressOf(hexAddress), port: Number.parseInt(hexPort, 16) });
    }
  }
  return sockets;
};
