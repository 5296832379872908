import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateLetterIdKeySet, type LetterIdKeySet } from '../shared/domain/letter-ids.js';

/**
 * The letter id key set of a local runtime: kept in DATA_DIR/letter-id-keys.json when there
 * is a DATA_DIR (so letter ids stay valid across restarts), else fresh in memory. Stands in for
 * the Secrets Manager secret the migrate function fills on AWS.
 */
export const localLetterIdKeySet = (dataDir: string | undefined): LetterIdKeySet => {
  if (!dataDir) return generateLetterIdKeySet();
  const file = join(dataDir, 'letter-id-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LetterIdKeySet;
  const keySet = generateLetterIdKeySet();
  writeFileSync(file, JSON.stringify(keySet), { mode: 0o600 });
  return keySet;
};
