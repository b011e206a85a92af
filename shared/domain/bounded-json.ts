import { z } from 'zod';

/**
 * A schema for free-form JSON that carries its own bounds: how deep values
 * may nest, how long strings and arrays may be, how many keys an object may
 * have. The nesting bound is structural (one schema level per allowed level,
 * no recursion), so checking a value 100,000 levels deep stops at the bound
 * instead of exhausting the stack.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface JsonBounds {
  /** Arrays and objects nest at most this deep (`[[1]]` is 2). */
  maxDepth: number;
  maxStringLength: number;
  maxArrayLength: number;
  maxKeys: number;
  maxKeyLength: number;
}

export function boundedJsonSchema(bounds: JsonBounds): z.ZodType<JsonValue> {
  const scalar = [z.string().max(bounds.maxStringLength), z.number().finite(), z.boolean(), z.null()] as const;
  let level: z.ZodType<JsonValue> = z.union(scalar, {
    error: `must be text, a number, true/false or null here (values nest at most ${bounds.maxDepth} levels)`,
  });
  for (let depth = 1; depth <= bounds.maxDepth; depth++) {
    const inner = level;
    level = z.union([
      ...scalar,
      z.array(inner).max(bounds.maxArrayLength),
      z
        .record(z.string().max(bounds.maxKeyLength), inner)
        .refine((value) => Object.keys(value).length <= bounds.maxKeys, `at most ${bounds.maxKeys} keys`),
    ]);
  }
  return level;
}
