import { createSantaClient, type SantaClient } from '../openapi/client.js';
import type { ConsoleConfig } from './config.js';
import type { Session } from './auth.js';

/** The typed API client, with the signed-in token. */
export const apiFor = (config: ConsoleConfig, session: Session): SantaClient =>
  createSantaClient({ baseUrl: config.apiUrl, token: session.accessToken });

/** What a failed call says to a person. */
export const problemOf = (error: unknown, response: Response): string => {
  const message = (error as { error?: { message?: string }; message?: string } | undefined)?.error?.message ?? (error as { message?: string } | undefined)?.message;
  return `${response.status}${message ? `: ${message}` : ''}`;
};
