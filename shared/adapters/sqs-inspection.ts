/** One message as fauxqs' inspection endpoint shows it. */
export interface InspectedMessage {
  messageId: string;
  body: string;
  sentTimestamp: number;
  approximateReceiveCount: number;
  messageAttributes?: Record<string, { DataType?: string; StringValue?: string }>;
}

/** A queue's messages by state, read without receiving them. */
export interface InspectedQueue {
  ready: InspectedMessage[];
  delayed: InspectedMessage[];
  inflight: InspectedMessage[];
}

interface RawInspection {
  messages: {
    ready: InspectedMessage[];
    delayed: InspectedMessage[];
    inflight: { message: InspectedMessage }[];
  };
}

/**
 * Reads a fauxqs queue through its non-destructive inspection endpoint. ReceiveMessage would
 * count as a receive and push messages towards the DLQ, so a peek must not use it.
 */
export const inspectQueue = async (messagingEndpoint: string, queueName: string): Promise<InspectedQueue> => {
  const response = await fetch(`${messagingEndpoint}/_fauxqs/queues/${encodeURIComponent(queueName)}`);
  if (!response.ok) throw new Error(`cannot inspect queue ${queueName}: HTTP ${response.status}`);
  const { messages } = (await response.json()) as RawInspection;
  return { ready: messages.ready, delayed: messages.delayed, inflight: messages.inflight.map((entry) => entry.message) };
};
