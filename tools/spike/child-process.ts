import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** A server running in a process of its own: what it printed when ready, and how to stop it. */
export interface ChildServer<T> {
  ready: T;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript file under tsx in its own process (its own event loop, as a Lambda
 * environment has its own CPU), waits for the JSON line it prints when ready, and stops it
 * by closing its stdin.
 */
export const startChildServer = async <T>(script: URL, env: Record<string, string> = {}): Promise<ChildServer<T>> => {
  const child = spawn(process.execPath, ['--import', 'tsx', script.pathname], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const [first] = (await Promise.race([once(lines, 'line'), exited.then(() => [undefined])])) as [string | undefined];
  if (!first) throw new Error(`${script.pathname} exited before it was ready`);
  return {
    ready: JSON.parse(first) as T,
    pid: child.pid!,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
};

/** In the child: print what the parent waits for, and stop when the parent closes stdin. */
export const serveUntilStdinCloses = (ready: unknown, stop: () => Promise<void>): void => {
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void stop().then(() => process.exit(0));
  });
};
