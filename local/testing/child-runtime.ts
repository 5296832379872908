import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eventually } from './http-client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A free loopback port, found by binding port 0 and letting it go. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Whether nothing listens on the loopback port (so a stopped runtime let it go). */
export const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

export interface ChildRuntime {
  url: string;
  process: ChildProcess;
  /** Sends the signal and resolves with the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `make dev`'s entry point (local/main.ts) in a child process and waits until it serves; on env.PORT, else a free port. */
export const startChildRuntime = async (env: Record<string, string> = {}): Promise<ChildRuntime> => {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  // One node process with tsx as a loader, not the tsx binary: that runs node as its own
  // child and cannot relay a SIGKILL, which would leave the runtime running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'SILENT', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`the runtime exited: ${output.join('')}`);
      return (await fetch(`${url}/openapi.json`)).ok ? true : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 100 },
  );
  return {
    url,
    process: child,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
};
