/** What of an error may be logged: name, message, code and stack. */
export interface LoggableError {
  name: string;
  message: string;
  code?: string;
  stack: string | undefined;
}

/**
 * An error reduced to what may reach a log line. The logger would copy every enumerable
 * property, and some carry the data written: a PostgreSQL error's `detail` quotes the failing
 * row, an SDK error its response. Logs carry ids only, never a child's name or message.
 */
export const loggableError = (error: unknown): LoggableError => {
  if (!(error instanceof Error)) return { name: 'NonError', message: typeof error, stack: undefined };
  const { name, message, stack } = error;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? { name, message, code, stack } : { name, message, stack };
};
