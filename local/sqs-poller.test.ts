import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { succeededMessages } from './sqs-poller.js';

const messages: Message[] = ['a', 'b', 'c'].map((id) => ({ MessageId: id, ReceiptHandle: `r-${id}`, Body: '{}' }));
const ids = (list: Message[]) => list.map((m) => m.MessageId);

describe('succeededMessages', () => {
  it('counts every message as done when the invocation reports no failures', () => {
    expect(ids(succeededMessages(messages, { response: { batchItemFailures: [] } }))).toEqual(['a', 'b', 'c']);
    expect(ids(succeededMessages(messages, { response: undefined }))).toEqual(['a', 'b', 'c']);
  });

  it('keeps the reported failures for a retry and deletes the rest', () => {
    expect(ids(succeededMessages(messages, { response: { batchItemFailures: [{ itemIdentifier: 'b' }] } }))).toEqual(['a', 'c']);
  });

  it('retries the whole batch when the invocation throws, or names a message not in the batch', () => {
    expect(succeededMessages(messages, { error: new Error('boom') })).toEqual([]);
    expect(succeededMessages(messages, { response: { batchItemFailures: [{ itemIdentifier: 'zzz' }] } })).toEqual([]);
    expect(succeededMessages(messages, { response: { batchItemFailures: [{ itemIdentifier: '' }] } })).toEqual([]);
  });
});
