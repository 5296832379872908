import { repeatEvery } from './repeat.js';
import type { Invoke } from './invocations.js';
import type { Wiring } from './wiring.js';

/** The functions wiring.json gives a `schedule` (EventBridge Scheduler on AWS), e.g. purge-expired. */
export const scheduledFunctions = (wiring: Wiring): string[] =>
  Object.entries(wiring.functions)
    .filter(([, fn]) => typeof (fn as { schedule?: unknown }).schedule === 'string')
    .map(([name]) => name);

/**
 * Invokes each scheduled function every `intervalMs` (far more often than on AWS, so a local
 * season shows expiry at work) until stopped; a failed run is reported and the next one tries again.
 */
export const startScheduledFunctions = ({
  invoke,
  names,
  intervalMs = 60_000,
  onError = (error: unknown) => console.error(JSON.stringify({ msg: 'scheduled invocation failed', error: String(error) })),
}: {
  invoke: Invoke;
  names: readonly string[];
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): { stop(): Promise<void> } =>
  repeatEvery(
    intervalMs,
    async () => {
      for (const name of names) await invoke(name, {}).catch(onError);
    },
    onError,
  );
