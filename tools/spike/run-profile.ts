import { SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/clients.js';
import { bearer, familyTokens } from '../../local/identity/token-client.js';
import { letterBody } from '../../shared/testing/letter-bodies.js';
import { queueDepth } from '../../shared/adapters/queue-attributes.js';
import { runOpenLoop, type Attempt } from './open-loop.js';
import type { LagProbe, PipelineSample } from './series.js';

const COUNTRIES = ['SE', 'DE', 'FR', 'GB', 'US', 'FI', 'NO', 'IT'];
// Long enough for the slowest answer of an overloaded baseline; past it a request counts as unanswered.
const REQUEST_TIMEOUT_MS = 60_000;

/** POST /letters bodies: each letter a child of its own, families taken in turn, so no account hits its command quota. */
const requestFor = (index: number, families: readonly string[], childPrefix: string) => ({
  family: families[index % families.length]!,
  body: JSON.stringify(letterBody({ child: { id: `${childPrefix}-${index}`, name: 'Lotta', age: 7, country: COUNTRIES[index % COUNTRIES.length] } })),
});

export const familiesFor = (count: number): string[] => Array.from({ length: count }, (_, i) => `spike-family-${i + 1}`);

/** Sends the schedule to baseUrl's POST /letters, open loop; each answer's status, latency and letter id. */
export const sendSchedule = async ({ baseUrl, offsets, families, tokens, connections, childPrefix = 'spike-child', onAccepted }: {
  baseUrl: string;
  offsets: readonly number[];
  families: readonly string[];
  tokens: Record<string, string>;
  connections: number;
  childPrefix?: string;
  onAccepted?: (letterId: string, token: string) => void;
}): Promise<Attempt[]> => {
  let reported = 0;
  return runOpenLoop({
    offsets,
    maxInFlight: connections,
    send: async (index) => {
      const { family, body } = requestFor(index, families, childPrefix);
      const response = await fetch(`${baseUrl}/letters`, {
        method: 'POST',
        headers: { ...bearer(tokens[family]!), 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      // A few server errors in full, so a failed run says why.
      if (response.status >= 500 && reported++ < 3) console.error(`spike: POST /letters answered ${response.status}: ${text.slice(0, 300)}`);
      const answer = (text.startsWith('{') ? JSON.parse(text) : {}) as { letterId?: string };
      if (answer.letterId && response.status === 202) onAccepted?.(answer.letterId, tokens[family]!);
      return { status: response.status, ...(answer.letterId ? { letterId: answer.letterId } : {}) };
    },
  });
};

/** Letters sent one after another before the schedule, so no cold start (module load, first connections) lands in it. */
export const warmUp = ({ baseUrl, families, tokens }: { baseUrl: string; families: readonly string[]; tokens: Record<string, string> }) =>
  sendSchedule({ baseUrl, offsets: Array.from({ length: 20 }, (_, i) => i * 25), families, tokens, connections: 2, childPrefix: 'warm-up-child' });

/** A token for every family, from the server's local issuer. */
export const tokensFor = (baseUrl: string, families: readonly string[]) => familyTokens(baseUrl, families);

/** The letter of attempt i's owner, for reading it back. */
export const ownerOf = (attempt: Attempt, families: readonly string[]): string => families[attempt.index % families.length]!;

/**
 * Watches the runtime while the schedule runs and drains: each queue's and DLQ's depth every
 * second, and how long accepted letters take to become readable (one probe letter at a time,
 * oldest first: the read side projects roughly in arrival order, so few GETs suffice).
 */
export const watchPipeline = ({ messagingEndpoint, queues, baseUrl, startedAt }: {
  messagingEndpoint: string;
  queues: Record<string, { url: string; dlqUrl: string }>;
  baseUrl: string;
  startedAt: number;
}) => {
  const sqs = new SQSClient({ region: LOCAL_REGION, endpoint: messagingEndpoint, credentials: LOCAL_CREDENTIALS });
  const samples: PipelineSample[] = [];
  const probes: LagProbe[] = [];
  const waiting: { letterId: string; token: string; acceptedAt: number }[] = [];
  const seconds = () => (performance.now() - startedAt) / 1000;
  let running = true;

  const sample = async (): Promise<PipelineSample> => {
    const names = Object.keys(queues);
    const [depths, dead] = await Promise.all([
      Promise.all(names.map((n) => queueDepth(sqs, queues[n]!.url))),
      Promise.all(names.map((n) => queueDepth(sqs, queues[n]!.dlqUrl))),
    ]);
    return { t: seconds(), backlog: Object.fromEntries(names.map((n, i) => [n, depths[i]!])), dlq: dead.reduce((a, b) => a + b, 0) };
  };
  const sampling = (async () => {
    while (running) {
      samples.push(await sample());
      await new Promise((resolve) => setTimeout(resolve, 1000 - (performance.now() % 1000)));
    }
  })();
  const probing = (async () => {
    while (running || waiting.length > 0) {
      const head = waiting[0];
      if (head) {
        const response = await fetch(`${baseUrl}/letters/${head.letterId}`, { headers: bearer(head.token) });
        await response.arrayBuffer();
        if (response.status === 200) {
          probes.push({ acceptedAt: head.acceptedAt, visibleAt: seconds() });
          waiting.shift();
          continue;
        }
      }
      if (!running && !head) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  let lastProbeSecond = -1;
  return {
    samples,
    probes,
    /** One accepted letter a second becomes a probe. */
    accepted: (letterId: string, token: string) => {
      const now = seconds();
      if (Math.floor(now) === lastProbeSecond) return;
      lastProbeSecond = Math.floor(now);
      waiting.push({ letterId, token, acceptedAt: now });
    },
    sampleNow: sample,
    stop: async () => {
      running = false;
      await Promise.all([sampling, probing]);
      sqs.destroy();
    },
  };
};
