import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as v from 'valibot';
import { UPCASTERS } from '../domain/event-upcasters.js';
import { ACCEPTED_SCHEMA_VERSIONS, LetterEvent, SCHEMA_VERSION } from '../domain/events.js';

/** Where the published example events live: docs/events/v<N>/<Type>.json. */
export const EXAMPLE_EVENTS_DIR = resolve(import.meta.dirname, '..', '..', 'docs', 'events');

/** One published example: an event of `type` exactly as a producer of `schemaVersion` writes it. */
export interface ExampleEvent {
  schemaVersion: number;
  type: string;
  /** Relative to the repository, e.g. docs/events/v2/LetterSubmitted.json. */
  path: string;
  event: unknown;
}

/** Every example file, oldest version first, then by file name. */
export const readExampleEvents = (dir: string = EXAMPLE_EVENTS_DIR): ExampleEvent[] =>
  readdirSync(dir)
    .filter((name) => /^v\d+$/u.test(name))
    .map((name) => Number(name.slice(1)))
    .sort((a, b) => a - b)
    .flatMap((schemaVersion) =>
      readdirSync(join(dir, `v${schemaVersion}`))
        .sort()
        .map((file) => ({
          schemaVersion,
          type: file.replace(/\.json$/u, ''),
          path: `docs/events/v${schemaVersion}/${file}`,
          event: JSON.parse(readFileSync(join(dir, `v${schemaVersion}`, file), 'utf8')) as unknown,
        })),
    );

type EventVariant = v.GenericSchema & { options: { entries: { type: { literal: string } } }[] };

/** The schema of an accepted version as its producers wrote it (before any upcasting). */
export const schemaOfVersion = (schemaVersion: number): v.GenericSchema => {
  const schema = schemaVersion === SCHEMA_VERSION ? LetterEvent : UPCASTERS.get(schemaVersion)?.schema;
  if (!schema) throw new Error(`schemaVersion ${schemaVersion} is not accepted (${ACCEPTED_SCHEMA_VERSIONS.join(', ')} are)`);
  return schema;
};

/** The event types a version's schema has, in its order. */
export const eventTypesOfVersion = (schemaVersion: number): string[] =>
  (schemaOfVersion(schemaVersion) as EventVariant).options.map((option) => option.entries.type.literal);
