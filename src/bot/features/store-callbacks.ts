import { z } from 'zod';
import { defineCallback } from '#src/bot/callback-data.js';

/**
 * Buttons of the admin's store menus (S2–S4). Store ids are checked against the database
 * on every tap, so a forged or stale id only gets "not found".
 * Longest: "mx:s:" + 24-char store id + ":" + 24-char code + ":" + 8-char item = 63 bytes.
 */
const storeIdSchema = z.string().regex(/^[a-f0-9]{24}$/);
const optionalStoreId = z.union([z.literal(''), storeIdSchema]);
/** a marketplace status / payment / delivery id, or a number */
const codeSchema = z.string().regex(/^[A-Za-z0-9_-]{0,24}$/);
/** Marketplace values whose id cannot ride in a button are left out of the menus. */
export const isPackableCode = (code: string) => code.length > 0 && codeSchema.safeParse(code).success;
const itemIdSchema = z.string().regex(/^[a-z0-9]{0,8}$/);

export const storeActions = [
  'ls', // list, v = page
  'op', // open a store
  'rn', // rename
  'rc', // replace credentials
  'pa', // pause
  're', // resume
  'dl', // delete: ask
  'dy', // delete: confirmed
  'sl', // source label: type it
  'sx', // source label: clear
  'mg', // manager menu, v = page
  'ms', // manager set, v = telegram id ('' = nobody)
  'aa', // auto-accept menu
  'as', // auto-accept set, v = minutes (0 = off)
  'wh', // working hours menu
  'wt', // working hours: type them
  'wc', // working hours: around the clock
  'pi', // poll interval menu
  'ps', // poll interval set, v = seconds
  'is', // imported statuses, v = page
  'it', // imported status toggle, v = status code
  'sg', // signature menu
  'st', // signature: type it
  'sc', // signature: clear
  'tp', // templates menu
  'ta', // template: add
  'td', // template: delete, v = index
  'cn', // connect a new store
] as const;
export type StoreAction = (typeof storeActions)[number];

export const storeMenuCallback = defineCallback(
  'sm',
  z.object({ a: z.enum(storeActions), id: optionalStoreId, v: codeSchema }),
);

/** the mapping kinds by their one-letter code in callback data */
export const kindByLetter = { s: 'status', p: 'payment', d: 'delivery' } as const;
export const letterOfKind = { status: 's', payment: 'p', delivery: 'd' } as const;
const kindLetter = z.enum(['s', 'p', 'd']);

/** a page of marketplace values of one kind, each with its mapping */
export const mappingListCallback = defineCallback(
  'ml',
  z.object({
    k: kindLetter,
    id: storeIdSchema,
    p: z
      .string()
      .regex(/^\d{1,3}$/)
      .transform(Number),
  }),
);
/** one marketplace value: choose what it maps to */
export const mappingPickCallback = defineCallback(
  'mk',
  z.object({ k: kindLetter, id: storeIdSchema, c: codeSchema.min(1) }),
);
/** set (t = item id) or clear (t = '') one mapping */
export const mappingSetCallback = defineCallback(
  'mx',
  z.object({ k: kindLetter, id: storeIdSchema, c: codeSchema.min(1), t: itemIdSchema }),
);

export const shopListLetters = { s: 'stages', p: 'payments', c: 'carriers' } as const;
export const letterOfList = { stages: 's', payments: 'p', carriers: 'c' } as const;

/** the shop's lists: v = view, a = add, u = move up, d = delete */
export const shopListCallback = defineCallback(
  'sh',
  z.object({ l: z.enum(['s', 'p', 'c']), a: z.enum(['v', 'a', 'u', 'd']), i: itemIdSchema }),
);
