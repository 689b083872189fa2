import type { z } from 'zod';

/**
 * Compact callback payloads: `<prefix>:<field>:<field>...`, validated with zod on the way
 * in, and kept within Telegram's 64-byte limit on the way out.
 */
export const CALLBACK_DATA_MAX_BYTES = 64;

export interface CallbackCodec<T> {
  prefix: string;
  pack(value: T): string;
  /** null when the data is not ours or does not validate */
  unpack(data: string): T | null;
  filter: RegExp;
  /** what `unpack` validates the fields with, in key order */
  schema: z.ZodObject;
}

const defined: CallbackCodec<unknown>[] = [];
/** Every codec defined so far (all of them once the bot's modules are loaded), for the fuzz tests. */
export const definedCallbacks = (): readonly CallbackCodec<unknown>[] => defined;

export function defineCallback<S extends z.ZodObject>(prefix: string, schema: S): CallbackCodec<z.infer<S>> {
  const keys = Object.keys(schema.shape);
  const codec: CallbackCodec<z.infer<S>> = {
    prefix,
    schema,
    filter: new RegExp(`^${prefix}(:|$)`),
    pack(value) {
      const record = value as Record<string, unknown>;
      const data = [prefix, ...keys.map((key) => String(record[key] ?? '').replaceAll(':', ''))].join(':');
      if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_MAX_BYTES) {
        throw new Error(`callback data for ${prefix} is longer than ${CALLBACK_DATA_MAX_BYTES} bytes`);
      }
      return data;
    },
    unpack(data) {
      const [head, ...fields] = data.split(':');
      if (head !== prefix || fields.length !== keys.length) return null;
      const parsed = schema.safeParse(Object.fromEntries(keys.map((key, i) => [key, fields[i]])));
      return parsed.success ? parsed.data : null;
    },
  };
  defined.push(codec as CallbackCodec<unknown>);
  return codec;
}
