import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { json, parseInput } from '../../shared/http/http.js';
import type { AnalyticsReader } from '../../shared/domain/ports.js';
import { TopToysQuery } from '../../shared/http/queries.js';

/** GET /analytics/toys/top: the most wished-for toys over active letters, optionally for one country. */
export const topToys =
  ({ analytics }: { analytics: Pick<AnalyticsReader, 'topToys'> }) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const { limit, country } = parseInput(TopToysQuery, event.queryStringParameters ?? {}, 'query');
    const items = await analytics.topToys({ limit, ...(country ? { country } : {}) });
    return json(200, { items });
  };
