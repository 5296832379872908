import { describe, expect, it } from 'vitest';
import type { AnalyticsReader } from '../../shared/domain/ports.js';
import { httpEvent } from '../../shared/testing/http-event.js';
import { topToys } from './top-toys.js';

const recordingAnalytics = () => {
  const asked: Parameters<AnalyticsReader['topToys']>[0][] = [];
  return {
    asked,
    analytics: {
      topToys: async (options: Parameters<AnalyticsReader['topToys']>[0]) => {
        asked.push(options);
        return [{ toy: 'wooden train', quantity: 3, letters: 2 }];
      },
    },
  };
};
const request = (query?: Record<string, string>) => httpEvent({ method: 'GET', route: '/analytics/toys/top', ...(query ? { query } : {}) });

describe('topToys', () => {
  it('answers the top toys with the default limit of 10', async () => {
    const { analytics, asked } = recordingAnalytics();

    const response = await topToys({ analytics })(request());

    expect(response).toMatchObject({ statusCode: 200, body: JSON.stringify({ items: [{ toy: 'wooden train', quantity: 3, letters: 2 }] }) });
    expect(asked).toEqual([{ limit: 10 }]);
  });

  it('passes the limit and the upper-cased country on', async () => {
    const { analytics, asked } = recordingAnalytics();

    await topToys({ analytics })(request({ limit: '100', country: 'se' }));

    expect(asked).toEqual([{ limit: 100, country: 'SE' }]);
  });

  it.each([[{ limit: '0' }], [{ limit: '101' }], [{ limit: '-1' }], [{ country: 'Sweden' }], [{ country: '' }]])(
    'answers 400 for the query %j without asking the database',
    async (query) => {
      const { analytics, asked } = recordingAnalytics();

      const error = await topToys({ analytics })(request(query)).catch((e: unknown) => e);

      expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(asked).toEqual([]);
    },
  );
});
