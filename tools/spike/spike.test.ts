import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { ELF_SCOPE } from '../../local/identity/token-client.js';
import { familiesFor, ownerOf, sendSchedule, tokensFor, watchPipeline } from './run-profile.js';
import { arrivalOffsets, segmentsOf } from './schedule.js';
import { perSecond } from './series.js';
import { verifyAccepted } from './verify.js';

// A tiny rehearsal against a real local runtime (paced projectors, as make spike runs it):
// 12 letters in about a second, then the drain and the read-back.
describe('a spike rehearsal', () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    runtime = await startLocalRuntime({ port: 0, logLevel: 'SILENT', log: () => {}, projectorEventsPerSecond: 40, visibilityTimeoutSeconds: 60 });
  });
  afterAll(() => runtime?.stop());

  it('sends on schedule, watches the queues drain, and finds every accepted letter in both stores', async () => {
    const segments = segmentsOf({ baselinePerSecond: 4, peakPerSecond: 12, baselineSeconds: 0.5, rampSeconds: 0, peakSeconds: 0.5, tailSeconds: 0.5 });
    const offsets = arrivalOffsets(segments);
    const families = familiesFor(3);
    const tokens = await tokensFor(runtime.url, families);
    const queues = Object.fromEntries(Object.values(runtime.topology.queues).map((q) => [q.name, { url: q.url, dlqUrl: q.dlqUrl }]));
    const watch = watchPipeline({ messagingEndpoint: runtime.standIns.messagingEndpoint, queues, baseUrl: runtime.url, startedAt: performance.now() });

    const attempts = await sendSchedule({ baseUrl: runtime.url, offsets, families, tokens, connections: 4, onAccepted: watch.accepted });
    let pipeline = await watch.sampleNow();
    while (Object.values(pipeline.backlog).some((depth) => depth > 0)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      pipeline = await watch.sampleNow();
    }
    await watch.stop();
    const elfToken = (await runtime.identity.mint({ sub: 'elf-1', scope: ELF_SCOPE })).access_token;
    const checks = await verifyAccepted({ baseUrl: runtime.url, attempts, ownerToken: (a) => tokens[ownerOf(a, families)]!, elfToken });

    expect(offsets).toHaveLength(10);
    expect(attempts.map((a) => a.status)).toEqual(offsets.map(() => 202));
    expect(pipeline.dlq).toBe(0);
    expect(checks).toEqual({ missingFromView: 0, missingFromAnalytics: 0 });
    expect(watch.probes.length).toBeGreaterThan(0);
    expect(watch.probes.every((p) => p.visibleAt >= p.acceptedAt)).toBe(true);
    const rows = perSecond(attempts, { samples: watch.samples, probes: watch.probes });
    expect(rows.reduce((sum, row) => sum + row.accepted, 0)).toBe(10);
    // Seconds on an idle machine; the bound only keeps a busy shared one from failing it.
  }, 120_000);
});
