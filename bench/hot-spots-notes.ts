/**
 * The hand-written "Write hot spots" section of docs/performance.md: every key written per
 * event, who writes it, how often, and how its writes spread over partitions. A DynamoDB
 * partition takes 1,000 write units a second (infra/quotas.json); figures at the largest
 * sized peak, 50,000 letters/s with 1.5 headroom (75,000 events/s).
 */
export const hotSpotsNotes = (): string => `## Write hot spots

No key below is written by every event, nor by every letter of a popular toy or country. Each
DynamoDB partition key takes at most 1,000 write units a second, and an index partition that
throttles throttles its table's writes too. Figures at the largest sized peak in the tests,
50,000 letters/s with 1.5 headroom: 75,000 events/s.

| Store, key | Written by | How often | Partition spread |
|---|---|---|---|
| letters table, \`pk = LETTER#<letterId>\` | project-letters | 1 write per event of the letter, plus up to 3 conditional retries when a batch loses a field | one key per letter: a letter's few events |
| letters table, index \`byChild\` (\`OWNER#…#CHILD#<childId>\`) | project-letters (through the table) | 1 index write per content change of a letter | one key per account's child: that child's letters only |
| letters and event-log tables, \`pk = CHILD#<account>#<childId>\` (erasure entries, tombstone) | project-letters, archive-events | 1 write per content event naming the child, 1 per erasure | one key per account's child |
| letters table, letter tombstone (same key as the letter) | project-letters | 1 per erased letter | one key per letter |
| event log, \`pk = LETTER#<letterId>\` / \`CHILD#…\` for ChildErased | archive-events | 1 write per event | one key per letter (or erased child) |
| event log, index \`byDay\` (\`YYYY-MM-DD#SSS\`) | archive-events (through the table) | 1 index write per event | **was one key per day: every event of the day, 75,000/s on one partition.** Now 128 shards per day from a hash of the item's pk: under 0.8% of the writes per key (586 events/s at 75,000/s), readers (replay \`SINCE\`) query the 128 keys and the bare day and merge by sort key |
| event log, letter tombstone \`LETTER#<letterId>\` / \`ERASED\` | archive-events | 1 per erased letter | one key per letter |
| idempotency table, \`id\` (Powertools, one per Idempotency-Key) | command functions | 2 writes per keyed command (in progress, then completed) | one key per request key |
| analytics database (PostgreSQL) | project-analytics | aggregate rows per batch | see the analytics scaling figures; row-lock waits are measured there |

**Migration of the event log's index.** The index keeps its name and key attribute (\`day\`), so
Terraform changes nothing and no index is rebuilt: new events are written under their shard,
events archived before sharding stay under the bare day, and \`scan({ since })\` reads both. They
expire after \`retention_days\` like every event; to stop reading the bare day sooner, a backfill
rewrites each old item's \`day\` to its shard (\`byDayKey(pk, occurredAt)\` of
\`shared/adapters/event-log-table.ts\`), or a replay into a fresh table rewrites them all.

**\`scaling.view\`** (\`bench/scaling-view.ts\`, also \`make sizing\` alone): both DynamoDB projectors,
project-letters into the letters table and archive-events into the event log, each invocation
with its own client, at concurrency 1, 2, 4, 8 × batches of 10, 100 and the size the formula
picks (\`maxBatchSize\` of \`infra/sizing.json\`), on dynalite. Their \`lockWaitShare\` is \`null\`:
DynamoDB has no locks a writer waits on (a losing conditional write fails at once and is
retried by the projector), and throttling, its form of contention, is not modelled by dynalite.
dynalite is one process on the same CPUs, so its figures show a batch's cost, not how DynamoDB
scales; the single-writer rows give the batch cost \`make sizing\` writes into \`infra/sizing.json\`.
`;
