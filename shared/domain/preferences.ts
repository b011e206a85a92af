import { z } from 'zod';

/**
 * Per-user interface preferences, persisted by main under --data-dir. Each
 * screen owns one section; unknown or invalid sections fall back to defaults
 * so a damaged file never stops the console from opening.
 */
export const themeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

export const preferencesSchema = z.object({
  theme: themeSchema.default('system'),
  /** Sections owned by individual screens (board filters, thresholds, ...), free-form JSON validated by their owners. */
  sections: z.record(z.string().max(64), z.unknown()).default({}),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const preferencesPatchSchema = z
  .object({
    theme: themeSchema.optional(),
    sections: z.record(z.string().max(64), z.unknown()).optional(),
  })
  .strict();
export type PreferencesPatch = z.infer<typeof preferencesPatchSchema>;

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', sections: {} };
