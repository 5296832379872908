import type { Sql } from 'postgres';
import type { AnalyticsReader, Projection } from '../domain/ports.js';
import { createAnalyticsReader, type AnalyticsReaderOptions } from './analytics-reader.js';
import { createAnalyticsWriter, type AnalyticsWriterOptions } from './analytics-writer.js';

/** Who a child is (a pseudonym), retention and clock, how apply() writes, and which groups the answers show. */
export type AnalyticsStoreOptions = AnalyticsWriterOptions & AnalyticsReaderOptions;

/** The analytics projection (letter rows and, through them, the aggregates) and its queries. */
export const createAnalyticsStore = (sql: Sql, options: AnalyticsStoreOptions): Projection & AnalyticsReader => ({
  ...createAnalyticsWriter(sql, options),
  ...createAnalyticsReader(sql, options),
});
