import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/lambda/logger.js';
import { httpHandler } from '../../shared/http/middleware.js';
import type { AnalyticsSummary } from '../../shared/domain/ports.js';
import { httpEvent } from '../../shared/testing/http-event.js';
import { lambdaContext } from '../../shared/testing/lambda-context.js';
import { analyticsSummary } from './analytics-summary.js';

const summary: AnalyticsSummary = {
  letters: { active: 2, withdrawn: 1 },
  children: 2,
  toys: { distinct: 3, quantity: 5 },
  countries: [{ country: 'SE', letters: 2, quantity: 5 }],
};

describe('analyticsSummary', () => {
  it('answers 200 with the summary', async () => {
    const response = await analyticsSummary({ analytics: { summary: async () => summary } })();

    expect(response).toMatchObject({ statusCode: 200, body: JSON.stringify(summary) });
  });

  it('answers 500 INTERNAL through Middy when the database fails, without leaking the error', async () => {
    const handler = httpHandler(
      createLogger('analytics-summary', 'SILENT'),
      analyticsSummary({ analytics: { summary: async () => Promise.reject(new Error('password authentication failed for user x')) } }),
    );

    const response = await handler(httpEvent({ method: 'GET', route: '/analytics/summary' }), lambdaContext('analytics-summary'));

    expect(response).toMatchObject({ statusCode: 500 });
    expect((response as { body: string }).body).not.toContain('password');
  });
});
