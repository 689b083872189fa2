import { z } from 'zod';

/** What a one-off outbox message says; the sender renders it in each chat's language. */
export const alertNoticeSchema = z.object({
  type: z.enum(['auth', 'stale', 'undecryptable', 'recovered']),
  storeName: z.string(),
  /** the error in the log's words: shown only by alerts queued before `errorKind` existed */
  detail: z.string().nullable(),
  /** L1: the error's kind, shown in the reader's language (locale `sync-error`) */
  errorKind: z.string().nullable().optional(),
});

export const digestNoticeSchema = z.object({
  from: z.string(),
  to: z.string(),
  stores: z.array(z.object({ name: z.string(), orders: z.array(z.string()) })),
});

export type AlertNotice = z.infer<typeof alertNoticeSchema>;
export type DigestNotice = z.infer<typeof digestNoticeSchema>;

/** J4: a summary text written for one admin in that admin's language, sent as it is */
export const summaryNoticeSchema = z.object({ html: z.string() });
