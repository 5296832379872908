import type { ErrorDetail } from './http.js';

// Keys that reach an object's prototype when code copies or merges parsed input; no field of
// the API has these names, so a body carrying one is refused whatever its depth.
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

interface Node {
  value: unknown;
  key?: string;
  parent?: Node;
}

const pathOf = (node: Node): string => {
  const keys: string[] = [];
  for (let at: Node | undefined = node; at?.key !== undefined; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
};

// A body nested 4,000 deep with such a key at every level would otherwise spell 4,000 paths
// of up to 4,000 keys each; the first few name the problem as well.
const MAX_REPORTED = 10;

/** The paths (dot-separated, as validation details name them) at which a JSON value has a forbidden key, the first ten at most. */
export const forbiddenKeyPaths = (value: unknown): ErrorDetail[] => {
  const found: ErrorDetail[] = [];
  // An explicit stack with parent links, not recursion: 64 KiB of "[[[[…" nests deeper than
  // the call stack goes, and a path is only spelled out when there is something to report.
  const pending: Node[] = [{ value }];
  for (let node = pending.pop(); node && found.length < MAX_REPORTED; node = pending.pop()) {
    if (typeof node.value !== 'object' || node.value === null) continue;
    const isArray = Array.isArray(node.value);
    for (const [key, item] of Object.entries(node.value)) {
      const child = { value: item, key, parent: node };
      if (!isArray && FORBIDDEN_KEYS.has(key) && found.length < MAX_REPORTED) found.push({ path: pathOf(child), message: `"${key}" is not allowed as a key` });
      pending.push(child);
    }
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
};
