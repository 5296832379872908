import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateLetterIdKeySet, type LetterIdKeySet } from '../shared/domain/letter-ids.js';

/**
 * A key set of a local runtime (letter ids, child pseudonyms: one format): kept in
 * DATA_DIR/<fileName> when there is a DATA_DIR (so ids and pseudonyms stay the same across
 * restarts), else fresh in memory. Stands in for the Secrets Manager secret migrate fills on AWS.
 */
export const localKeySet = (dataDir: string | undefined, fileName: string): LetterIdKeySet => {
  if (!dataDir) return generateLetterIdKeySet();
  const file = join(dataDir, fileName);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LetterIdKeySet;
  const keySet = generateLetterIdKeySet();
  writeFileSync(file, JSON.stringify(keySet), { mode: 0o600 });
  return keySet;
};

/** The letter id key set of a local runtime (DATA_DIR/letter-id-keys.json). */
export const localLetterIdKeySet = (dataDir: string | undefined): LetterIdKeySet => localKeySet(dataDir, 'letter-id-keys.json');

/** The child pseudonym key set of a local runtime (DATA_DIR/child-pseudonym-keys.json). */
export const localChildPseudonymKeySet = (dataDir: string | undefined): LetterIdKeySet => localKeySet(dataDir, 'child-pseudonym-keys.json');

/** The child erasure key set of a local runtime (DATA_DIR/child-erasure-keys.json). */
export const localChildErasureKeySet = (dataDir: string | undefined): LetterIdKeySet => localKeySet(dataDir, 'child-erasure-keys.json');
