// `make api`: writes the OpenAPI document (docs/openapi.json) that clients are generated from.
// `make api-check` runs it into a scratch directory and compares, so CI fails on a stale copy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openApiDocument } from './document.js';

const target = process.argv[2] ?? 'docs/openapi.json';
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
