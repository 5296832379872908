// `make bench-read-your-writes [PAIRS=…]`: the read-your-writes benchmark alone (make bench runs it
// with 1,000 pairs); prints the JSON latest.json would hold and the section of docs/performance.md.
import { measureReadYourWrites } from './read-your-writes.js';
import { readYourWritesJson, readYourWritesNotes } from './read-your-writes-results.js';

const pairs = Number(process.env.PAIRS ?? 200);
if (!Number.isInteger(pairs) || pairs < 8) throw new RangeError(`PAIRS must be a whole number of at least 8, not "${process.env.PAIRS}"`);
const result = await measureReadYourWrites({ pairs });
process.stdout.write(`${JSON.stringify({ readYourWrites: readYourWritesJson(result) }, null, 2)}\n\n${readYourWritesNotes(result)}\n`);
