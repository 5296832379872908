import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/** API Gateway's JWT authorizers verify RSA signatures only; RS256 is what Cognito signs with. */
export const SIGNING_ALGORITHM = 'RS256';

/** The local issuer's key pair: the private half signs tokens, the public half is the JWKS. */
export interface SigningKey {
  privateKey: CryptoKey;
  /** The public key as published at /.well-known/jwks.json, with its kid. */
  publicJwk: JWK;
}

const keyFile = (dataDir: string) => join(dataDir, 'identity', 'signing-key.json');

const readStoredJwk = async (path: string): Promise<JWK | undefined> => {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

const newPrivateJwk = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: SIGNING_ALGORITHM, use: 'sig' };
};

/** Turns a stored private JWK into the signing key and its public half. */
export const signingKeyFrom = async (privateJwk: JWK): Promise<SigningKey> => {
  const { kty, n, e, d, kid } = privateJwk;
  if (kty !== 'RSA' || !n || !e || !d || !kid) throw new Error('the stored signing key is not an RSA private JWK with a kid; delete it and restart to make a new one');
  return { privateKey: (await importJWK(privateJwk, SIGNING_ALGORITHM)) as CryptoKey, publicJwk: { kty, n, e, kid, alg: SIGNING_ALGORITHM, use: 'sig' } };
};

/**
 * The signing key kept in <dataDir>/identity/signing-key.json (created on first start), so
 * tokens survive a restart; without dataDir, a fresh key that lives as long as the process.
 */
export const loadSigningKey = async (dataDir?: string): Promise<SigningKey> => {
  if (!dataDir) return signingKeyFrom(await newPrivateJwk());
  const path = keyFile(dataDir);
  const stored = await readStoredJwk(path);
  if (stored) return signingKeyFrom(stored);
  const created = await newPrivateJwk();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(created)}\n`, { mode: 0o600 });
  return signingKeyFrom(created);
};
