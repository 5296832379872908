import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { FORBIDDEN_KEYS, forbiddenKeyPaths } from './forbidden-keys.js';
import { forbiddenKeys, malformedJson } from './http.js';

/**
 * Deeper nesting is refused as malformed: no letter comes near it, and a fixed limit answers
 * the same on every machine where a recursive parser would give out wherever its stack does.
 */
export const MAX_JSON_DEPTH = 2_048;

type Finding = 'none' | 'forbidden-key' | 'too-deep';

/**
 * One pass over a parsed value with nothing allocated per key: the check every request pays.
 * It recurses no deeper than MAX_JSON_DEPTH, so 64 KiB of "[[[[…" cannot exhaust the stack;
 * too deep wins over a forbidden key, so the answer does not depend on where the walk meets them.
 */
const inspect = (value: unknown, depth: number): Finding => {
  if (typeof value !== 'object' || value === null) return 'none';
  if (depth >= MAX_JSON_DEPTH) return 'too-deep';
  let finding: Finding = 'none';
  const isArray = Array.isArray(value);
  const keys = isArray ? undefined : Object.keys(value);
  const length = keys ? keys.length : (value as unknown[]).length;
  for (let i = 0; i < length; i++) {
    const key = keys?.[i];
    if (key !== undefined && FORBIDDEN_KEYS.has(key)) finding = 'forbidden-key';
    const found = inspect(key === undefined ? (value as unknown[])[i] : (value as Record<string, unknown>)[key], depth + 1);
    if (found === 'too-deep') return found;
    if (found !== 'none') finding = found;
  }
  return finding;
};

/**
 * The request body as JSON: 400 MALFORMED_JSON for none, for text that is not JSON and for
 * nesting deeper than MAX_JSON_DEPTH; 400 VALIDATION_FAILED naming each __proto__,
 * constructor or prototype key. JSON.parse itself defines such keys as plain own properties;
 * refusing them keeps any later copy or merge of the input away from a prototype.
 */
export const parseJsonBody = ({ body, isBase64Encoded }: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): unknown => {
  if (body === undefined) throw malformedJson();
  let value: unknown;
  try {
    value = JSON.parse(isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body);
  } catch {
    throw malformedJson();
  }
  const finding = inspect(value, 0);
  if (finding === 'too-deep') throw malformedJson();
  if (finding === 'forbidden-key') throw forbiddenKeys(forbiddenKeyPaths(value));
  return value;
};
