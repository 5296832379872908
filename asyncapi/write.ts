// `make api`: writes the AsyncAPI document of the events (docs/asyncapi.json).
// `make api-check` runs it into a scratch directory and compares, so CI fails on a stale copy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { asyncApiDocument } from './document.js';

const target = process.argv[2] ?? 'docs/asyncapi.json';
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
