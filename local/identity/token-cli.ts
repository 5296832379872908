// `make token SUB=… SCOPE=… [EXPIRES_IN=…]`: prints an access token from the running `make dev`
// (its POST /local/token), so `export FAMILY_TOKEN=$(make -s token SUB=family-1 SCOPE=santa/letters)` works.
import { parseArgs } from 'node:util';
import { requestToken } from './token-client.js';

const { values } = parseArgs({
  options: {
    sub: { type: 'string', default: 'family-1' },
    scope: { type: 'string', default: 'santa/letters' },
    'expires-in': { type: 'string' },
    url: { type: 'string', default: process.env.TOKEN_URL || `http://localhost:${process.env.PORT || 3000}` },
  },
});

try {
  const expiresIn = values['expires-in'] ? Number(values['expires-in']) : undefined;
  process.stdout.write(`${await requestToken(values.url, { sub: values.sub, scope: values.scope, ...(expiresIn !== undefined ? { expiresIn } : {}) })}\n`);
} catch (error) {
  const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  console.error(refused ? `token: nothing answers at ${values.url}; start \`make dev\` first (PORT=… if it runs on another port)` : `token: ${(error as Error).message}`);
  process.exitCode = 1;
}
