import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger per function; LOG_LEVEL sets its level. */
export const createLogger = (serviceName: string, logLevel = process.env.LOG_LEVEL ?? 'INFO'): Logger =>
  new Logger({ serviceName, logLevel: logLevel.toUpperCase() as 'INFO' });
