// The synchronous CRUD baseline (bench/crud-baseline.ts) behind the same API Gateway-shaped
// front and JWT check as the runtime, in a process of its own: POST /letters writes DynamoDB
// and PostgreSQL before it answers. Prints its URL once ready, stops when stdin closes.
import { crudSubmitLetter } from '../../bench/crud-baseline.js';
import { dynamoClientFor, startBenchStandIns } from '../../bench/stand-ins.js';
import { invocationContext } from '../../local/functions.js';
import { startHttpFront } from '../../local/http-front.js';
import { createJwtAuthorizer } from '../../local/identity/jwt-authorizer.js';
import { createLocalIssuer } from '../../local/identity/local-issuer.js';
import { loadSigningKey } from '../../local/identity/signing-key.js';
import { FAMILY_SCOPE } from '../../local/identity/token-client.js';
import { createAnalyticsStore } from '../../shared/adapters/analytics-store.js';
import { createLettersStore } from '../../shared/adapters/letters-store.js';
import { systemIdsAndClock } from '../../shared/domain/ids.js';
import { createLetterIds, generateLetterIdKeySet } from '../../shared/domain/letter-ids.js';
import { createLogger } from '../../shared/lambda/logger.js';
import { jsonHttpHandler } from '../../shared/http/middleware.js';
import { testChildErasureKey, testChildPseudonym } from '../../shared/testing/child-pseudonyms.js';
import { wiring } from '../../local/wiring.js';
import { serveUntilStdinCloses } from './child-process.js';

const standIns = await startBenchStandIns();
const crud = jsonHttpHandler(
  createLogger('crud-baseline', process.env.SPIKE_LOG_LEVEL ?? 'SILENT'),
  crudSubmitLetter({
    letters: createLettersStore({ childErasureKey: testChildErasureKey, client: dynamoClientFor(standIns), tableName: standIns.lettersTable }),
    analytics: createAnalyticsStore(standIns.database.sql, { childPseudonym: testChildPseudonym }),
    idsAndClock: systemIdsAndClock,
    letterIds: createLetterIds(generateLetterIdKeySet()),
  }),
);
const key = await loadSigningKey();
const front = await startHttpFront({
  port: 0,
  handlers: async (baseUrl) => {
    const identity = createLocalIssuer({ issuer: baseUrl, key });
    return {
      routes: { 'POST /letters': { function: 'crud-submit-letter', scopes: [FAMILY_SCOPE] } },
      // The command's own timeout: a request the baseline cannot finish in time fails as it would on Lambda.
      invoke: (_name, event) => crud(event, invocationContext('crud-submit-letter', wiring.functions['submit-letter']!.timeoutSeconds)),
      authorize: createJwtAuthorizer({ issuer: identity.issuer, audiences: [identity.audience], jwks: identity.jwks }),
      localRoutes: identity.routes,
    };
  },
});
serveUntilStdinCloses({ url: front.url }, async () => {
  await front.close();
  await standIns.stop();
});
