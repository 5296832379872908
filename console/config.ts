/** Where the console finds the API and the issuer: config.json beside it, written at deploy (or by make dev). */
export interface ConsoleConfig {
  apiUrl: string;
  issuer: string;
  clientId: string;
  /** The scopes the console asks for. */
  scope: string;
  /** Locally: the origin the issuer, the API and the console share; the console moves there first. */
  origin?: string;
}

export const loadConfig = async (): Promise<ConsoleConfig> => {
  const response = await fetch(new URL('config.json', document.baseURI), { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return (await response.json()) as ConsoleConfig;
};
