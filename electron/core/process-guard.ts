import type { Logger } from '../services/log/logger';

/**
 * The last resort of both hosts: an exception nobody caught, or a rejection
 * nobody handled, is logged and the console keeps serving; a wallboard must
 * not go dark over one bad message. Known inputs are made safe where they
 * arrive (request schemas, the dispatcher's error boundary, the hosts' request
 * handlers); a line from here in the log is a bug to fix.
 */
export const PROCESS_GUARD_MARK = 'the console keeps running';

export function installProcessGuard(log: Logger): void {
  const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error));
  process.on('uncaughtException', (error) => log.error(`uncaught exception; ${PROCESS_GUARD_MARK}: ${describe(error)}`));
  process.on('unhandledRejection', (reason) => log.error(`unhandled rejection; ${PROCESS_GUARD_MARK}: ${describe(reason)}`));
}
