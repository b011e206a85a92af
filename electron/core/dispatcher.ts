import { z } from 'zod';
import { invokeDefinitions, MAX_PAYLOAD_BYTES, type InvokeChannel, type RequestOf, type ResponseOf } from '../../shared/ipc/contract';
import { isInvokeChannel } from '../../shared/ipc/channels';
import { ConsoleError, ValidationError, fail, ok, type Result } from '../../shared/ipc/result';
import { createLogger, redact } from '../services/log/logger';
import type { MainMessage } from '../../shared/domain/main-message';

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
 * back as a typed error value. Validation runs inside the same boundary as the
 * handler (a schema that throws is a failure like any other); nothing here
 * throws or rejects.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (channel, payload) => {
    try {
      if (!isInvokeChannel(channel)) {
        const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
        return fail('unknown_channel', `Unknown request channel "${name}".`);
      }
      const definition = invokeDefinitions[channel] as { request: z.ZodType };
      const parsed = definition.request.safeParse(payload);
      if (!parsed.success) {
        return fail('invalid_payload', `The request to ${channel} was not valid.`, describeIssues(parsed.error));
      }
      const handler = handlers[channel] as (request: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof ValidationError) {
        const fields = error.fields.map((problem) => ({ field: problem.field, message: redact(problem.message) }));
        return fail(error.code, redact(error.message), fields.map((problem) => `${problem.field}: ${problem.message}`), fields);
      }
      if (error instanceof ConsoleError) return fail(error.code, redact(error.message), undefined, undefined, error.detail ? redact(error.detail).slice(0, 500) : undefined, error.said && redactSaid(error.said));
      const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
      log.error(`request to ${name} failed`, error);
      return fail('internal', `The console could not complete ${name}: ${redact(error instanceof Error ? error.message : String(error))}`);
    }
  };
}

/** A sentence by id with its values redacted as the English is: a server's words (a value) could echo a secret. */
function redactSaid(said: MainMessage): MainMessage {
  return {
    id: said.id,
    ...(said.values ? { values: Object.fromEntries(Object.entries(said.values).map(([name, value]) => [name, typeof value === 'string' ? redact(value) : value])) } : {}),
    ...(said.sentences ? { sentences: Object.fromEntries(Object.entries(said.sentences).map(([name, sentence]) => [name, redactSaid(sentence)])) } : {}),
  };
}

/** Size guard for transports that receive raw JSON text. */
export function payloadTooLarge(byteLength: number): Result<never> | null {
  return byteLength > MAX_PAYLOAD_BYTES
    ? fail('payload_too_large', `The request is ${byteLength} bytes; the limit is ${MAX_PAYLOAD_BYTES}.`)
    : null;
}

/** A request as the browser host's socket carries it. The payload is left to the channel's own schema. */
const invokeFrameSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  channel: z.unknown(),
  payload: z.unknown().optional(),
});

/** The answer to one frame; `id` is null when the frame carried no usable id. */
export interface ResultFrame {
  type: 'result';
  id: number | null;
  result: Result<unknown>;
}

/**
 * One frame of a text transport, from raw bytes to its answer: size, JSON,
 * envelope, then the dispatcher, all inside one error boundary. Never throws.
 */
export async function dispatchFrame(dispatch: Dispatch, data: Buffer, isBinary: boolean): Promise<ResultFrame> {
  let id: number | null = null;
  const answer = (result: Result<unknown>): ResultFrame => ({ type: 'result', id, result });
  try {
    const tooLarge = payloadTooLarge(data.byteLength);
    if (tooLarge) return answer(tooLarge);
    if (isBinary) return answer(fail('invalid_payload', 'Binary messages are not part of the protocol; send JSON text.'));
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString('utf8'));
    } catch {
      return answer(fail('invalid_payload', 'The message was not valid JSON text.'));
    }
    const envelope = invokeFrameSchema.safeParse(frame);
    if (!envelope.success) return answer(fail('invalid_payload', 'Expected {"type":"invoke","id":<whole number>,"channel":...}.'));
    id = envelope.data.id;
    return answer(await dispatch(envelope.data.channel, envelope.data.payload));
  } catch (error) {
    log.error('an IPC message could not be handled', error);
    return answer(fail('internal', 'The console could not handle this message.'));
  }
}

/**
 * JSON text of an outgoing frame. A value that cannot be encoded (a cycle, a
 * nesting too deep for the encoder) becomes `fallback`'s text, or null (send
 * nothing), instead of an exception in the transport.
 */
export function frameText(frame: unknown, fallback?: () => unknown): string | null {
  try {
    return JSON.stringify(frame);
  } catch (error) {
    log.error('an outgoing IPC message could not be encoded', error);
    if (!fallback) return null;
    try {
      return JSON.stringify(fallback());
    } catch {
      return null;
    }
  }
}
