import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testChildErasureKey } from '../testing/child-pseudonyms.js';
import { startDynalite, type RunningDynalite } from '../testing/dynalite.js';
import { A_FAMILY, aLetterId, anErasure, anEvent, anEventId, minutesLater } from '../testing/letters.js';
import { createEventLog } from './event-log.js';
import { createEventLogObserver } from './event-log-observer.js';
import { eventLogTableDefinition } from './event-log-table.js';

let dynamo: RunningDynalite;
let tables = 0;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

const anEventLog = async () => {
  const tableName = `event-log-observed-${++tables}`;
  await dynamo.createTable(eventLogTableDefinition(tableName));
  return { log: createEventLog({ childErasureKey: testChildErasureKey, client: dynamo.client, tableName }), observer: createEventLogObserver({ client: dynamo.client, tableName }) };
};

describe('createEventLogObserver', () => {
  const submitted = anEvent('LetterSubmitted', { letterId: aLetterId(1), eventId: anEventId(1), occurredAt: minutesLater(0) });
  const amended = anEvent('LetterAmended', { letterId: aLetterId(1), eventId: anEventId(2), occurredAt: minutesLater(1) });
  const withdrawn = anEvent('LetterWithdrawn', { letterId: aLetterId(1), eventId: anEventId(3), occurredAt: minutesLater(2) });

  it("finds an event the log holds, with its owner, among the letter's others, and not one it does not hold yet", async () => {
    const { log, observer } = await anEventLog();
    await log.append([submitted, withdrawn]);

    expect(await observer.observeEvent(aLetterId(1), withdrawn)).toEqual({ recorded: true, ownerId: A_FAMILY, erased: false });
    expect(await observer.observeEvent(aLetterId(1), submitted)).toEqual({ recorded: true, ownerId: A_FAMILY, erased: false });
    expect(await observer.observeEvent(aLetterId(1), amended)).toEqual({ recorded: false, ownerId: undefined, erased: false });
    expect(await observer.observeEvent(aLetterId(2), submitted)).toEqual({ recorded: false, ownerId: undefined, erased: false });
  });

  it("tells an erased letter by its tombstone, whichever of the letter's events is asked for", async () => {
    const { log, observer } = await anEventLog();
    await log.append([submitted, anErasure({ occurredAt: minutesLater(5), eventId: anEventId(4) })]);
    await log.append([amended]);

    expect(await observer.observeEvent(aLetterId(1), amended)).toEqual({ recorded: false, ownerId: undefined, erased: true });
    expect(await observer.observeEvent(aLetterId(1), submitted)).toMatchObject({ erased: true });
  });
});
