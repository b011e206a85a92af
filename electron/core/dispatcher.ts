import type { z } from 'zod';
import { invokeDefinitions, MAX_PAYLOAD_BYTES, type InvokeChannel, type RequestOf, type ResponseOf } from '../../shared/ipc/contract';
import { isInvokeChannel } from '../../shared/ipc/channels';
import { ConsoleError, fail, ok, type Result } from '../../shared/ipc/result';
import { createLogger, redact } from '../services/log/logger';

/** One handler per contract channel; the compiler rejects a missing or extra one. */
export type Handlers = {
  [C in InvokeChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/**
 * The handlers of one area, typed from its declaration in shared/ipc/areas:
 * `AreaHandlers<typeof uccxInvoke>` demands exactly the channels that area declares.
 */
export type AreaHandlers<Area> = Pick<Handlers, keyof Area & InvokeChannel>;

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

const log = createLogger('ipc');

function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
}

/**
 * The single entry point for requests from any renderer, over any transport:
 * unknown channel, oversized or malformed payload and handler failures all come
 * back as a typed error value; nothing here throws.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (channel, payload) => {
    if (!isInvokeChannel(channel)) {
      const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
      return fail('unknown_channel', `Unknown request channel "${name}".`);
    }
    const definition = invokeDefinitions[channel] as { request: z.ZodType };
    const parsed = definition.request.safeParse(payload);
    if (!parsed.success) {
      return fail('invalid_payload', `The request to ${channel} was not valid.`, describeIssues(parsed.error));
    }
    try {
      const handler = handlers[channel] as (request: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof ConsoleError) return fail(error.code, redact(error.message));
      log.error(`handler for ${channel} failed`, error);
      return fail('internal', `The console could not complete ${channel}: ${redact(error instanceof Error ? error.message : String(error))}`);
    }
  };
}

/** Size guard for transports that receive raw JSON text. */
export function payloadTooLarge(byteLength: number): Result<never> | null {
  return byteLength > MAX_PAYLOAD_BYTES
    ? fail('payload_too_large', `The request is ${byteLength} bytes; the limit is ${MAX_PAYLOAD_BYTES}.`)
    : null;
}
