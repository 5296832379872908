import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for @aws-sdk/credential-provider-node in the Lambda bundles (see build.mjs).
 * Lambda always hands a function its role's credentials in environment variables, so the
 * rest of the default chain (SSO, INI files, STS, instance metadata) is dead weight there:
 * dropping it halves a bundle and its cold start.
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);

/** The same, under the name @aws-sdk/credential-providers gives it (the RDS signer's). */
export const fromNodeProviderChain = defaultProvider;
