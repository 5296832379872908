import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { decodeWriteVersion, type WriteVersion } from '../domain/write-version.js';
import { HttpError, validationFailed } from './http.js';
import { pollUntil, type Backoff, type WaitClock } from './poll-until.js';

/** The request header naming the version a read must include. */
export const MIN_VERSION_HEADER = 'Min-Version';
/** Seconds a read waits for its version unless `Prefer: wait=N` says otherwise, and the most it may ask for. */
export const DEFAULT_WAIT_SECONDS = 2;
export const MAX_WAIT_SECONDS = 10;
/** Time kept back from the function's remaining time, to answer 412 before Lambda's timeout ends it. */
export const REMAINING_TIME_MARGIN_MS = 500;
/** What a 412 suggests: the read store is behind, so try again in a second. */
export const RETRY_AFTER_SECONDS = 1;

/** A read that must include a version: which, how long it may wait, and what to echo. */
export interface MinVersion {
  version: WriteVersion;
  waitSeconds: number;
  /** `Preference-Applied`, when the request sent `Prefer: wait`. */
  headers: Record<string, string>;
}

const header = (event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined => {
  const lower = name.toLowerCase();
  return Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === lower)?.[1];
};

/**
 * The wait RFC 7240's `Prefer: wait=N` asks for (delta-seconds), or undefined. Preferences
 * are comma-separated, each maybe with `;` parameters; one that cannot be understood is
 * ignored, as the RFC asks, never an error.
 */
export const preferredWaitOf = (prefer: string | undefined): number | undefined => {
  for (const preference of (prefer ?? '').split(',')) {
    const match = /^\s*wait\s*=\s*"?(\d{1,9})"?\s*(?:;.*)?$/iu.exec(preference);
    if (match) return Number(match[1]);
  }
  return undefined;
};

/**
 * The Min-Version of a read, or undefined without one. A token this service did not hand
 * out, or one about something this read does not show (`refuse` says why), is a 400.
 */
export const minVersionOf = (
  event: Pick<APIGatewayProxyEventV2, 'headers'>,
  refuse: (version: WriteVersion) => string | undefined,
): MinVersion | undefined => {
  const token = header(event, MIN_VERSION_HEADER);
  if (token === undefined) return undefined;
  const version = decodeWriteVersion(token.trim());
  const problem = version === undefined ? 'is not a version this service handed out' : refuse(version);
  if (version === undefined || problem !== undefined) {
    throw validationFailed('the Min-Version header is not valid', [{ path: MIN_VERSION_HEADER, message: `Min-Version ${problem}` }]);
  }
  const preferred = preferredWaitOf(header(event, 'Prefer'));
  const waitSeconds = Math.min(preferred ?? DEFAULT_WAIT_SECONDS, MAX_WAIT_SECONDS);
  return { version, waitSeconds, headers: preferred === undefined ? {} : { 'preference-applied': `wait=${waitSeconds}` } };
};

/** What a read answered, and the headers that belong on its answer. */
export interface ReadOutcome<T> {
  value: T;
  headers: Record<string, string>;
  /** Store reads made while waiting (0 without Min-Version); also in Server-Timing. */
  polls: number;
}

export interface WaitOptions {
  context?: Pick<Context, 'getRemainingTimeInMillis'> | undefined;
  clock?: WaitClock;
  backoff?: Backoff;
}

/**
 * Reads once without a Min-Version; with one, reads until `isDone` accepts what was read
 * (the store includes the version, or the read is decided anyway, as for another account's
 * letter), within the wait and the function's remaining time; else 412 NOT_YET_PROJECTED
 * with Retry-After. Each read costs one store read; Server-Timing tells how many and how long.
 */
export const readAtLeast = async <T>(
  minVersion: MinVersion | undefined,
  read: () => Promise<T>,
  isDone: (value: T, version: WriteVersion) => boolean | Promise<boolean>,
  { context, clock, backoff }: WaitOptions = {},
): Promise<ReadOutcome<T>> => {
  if (minVersion === undefined) return { value: await read(), headers: {}, polls: 0 };
  const remainingMs = context ? context.getRemainingTimeInMillis() - REMAINING_TIME_MARGIN_MS : Number.POSITIVE_INFINITY;
  const budgetMs = Math.min(minVersion.waitSeconds * 1000, remainingMs);
  const outcome = await pollUntil(read, (value) => isDone(value, minVersion.version), {
    budgetMs,
    ...(clock ? { clock } : {}),
    ...(backoff ? { backoff } : {}),
  });
  const headers = {
    ...minVersion.headers,
    'server-timing': `min-version;dur=${outcome.waitedMs};desc="${outcome.polls} reads"`,
  };
  if (!outcome.done) {
    throw new HttpError(
      412,
      'NOT_YET_PROJECTED',
      `the version asked for is not projected yet (waited ${Math.round(outcome.waitedMs)} ms); retry later`,
      undefined,
      { ...headers, 'retry-after': String(RETRY_AFTER_SECONDS) },
    );
  }
  return { value: outcome.value, headers, polls: outcome.polls };
};

/** Runs the rest of a read, carrying `headers` (Preference-Applied, Server-Timing) on an error it answers too. */
export const withReadHeaders = async <T>(headers: Record<string, string>, answer: () => Promise<T> | T): Promise<T> => {
  try {
    return await answer();
  } catch (error) {
    if (error instanceof HttpError) {
      throw new HttpError(error.statusCode, error.code, error.message, error.details, { ...headers, ...error.headers });
    }
    throw error;
  }
};

/** Refuses versions not about this letter: another letter's, or a child's erasure. */
export const aboutLetter =
  (letterId: string) =>
  (version: WriteVersion): string | undefined => {
    if (version.type === 'ChildErased') return "names a child's erasure; read it back on GET /children/{childId}/letters";
    return version.letterId === letterId ? undefined : 'names another letter';
  };

/** Refuses another child's erasure; a letter's version is welcome on its child's list (it may have changed child). */
export const aboutChild =
  (childId: string) =>
  (version: WriteVersion): string | undefined =>
    version.type === 'ChildErased' && version.childId !== childId ? "names another child's erasure" : undefined;
