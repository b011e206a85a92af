import type { z } from 'zod';

/**
 * Building blocks of the contract. A request carries a runtime schema (main
 * validates every inbound payload against it); a response and a pushed event
 * are types only, because they come from our own trusted main process.
 */
export interface InvokeDefinition<Req, Res> {
  readonly request: z.ZodType<Req>;
  /** Phantom: carries the response type, never set at runtime. */
  readonly response?: Res;
}

export interface EventDefinition<Payload> {
  /** Phantom: carries the payload type, never set at runtime. */
  readonly payload?: Payload;
}

/** `invoke<Response>()(requestSchema)`: the two-step call lets TypeScript infer the request type from the schema. */
export function invoke<Res>() {
  return <S extends z.ZodType>(request: S): InvokeDefinition<z.output<S>, Res> => ({ request: request as z.ZodType<z.output<S>> });
}

export function event<Payload>(): EventDefinition<Payload> {
  return {};
}
