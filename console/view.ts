import type { SantaClient } from '../openapi/client.js';
import type { Session } from './auth.js';

/** What every view gets: the API client, the session and where the view shows itself. */
export interface ViewContext {
  api: SantaClient;
  session: Session;
  /** The rest of the address after the view's name (#/letter/<id> → "<id>"). */
  argument: string;
}

/** A view draws into its element and returns how to stop (its timers). */
export type View = (element: HTMLElement, context: ViewContext) => () => void;

/** Calls fn now and every intervalMs, never two at once; returns the stop function. */
export const every = (intervalMs: number, fn: () => Promise<void>): (() => void) => {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    try {
      await fn();
    } finally {
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    }
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
};

/** "12 s", "3 min 4 s", or a dash where nothing was measured. */
export const duration = (seconds: number | null): string => {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
};
