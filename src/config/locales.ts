import { z } from 'zod';

/** The interface languages, Ukrainian first; each has its file in locales/. */
export const localeSchema = z.enum(['uk', 'en']);
export type Locale = z.infer<typeof localeSchema>;
export const supportedLocales = localeSchema.options;
