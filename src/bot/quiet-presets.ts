import type { QuietWindow } from '#src/services/quiet-hours.js';

/** S7 windows offered as buttons; index 0 switches quiet hours off. */
export const QUIET_PRESETS: readonly (QuietWindow | null)[] = [
  null,
  { from: '22:00', to: '08:00' },
  { from: '23:00', to: '07:00' },
  { from: '21:00', to: '09:00' },
  { from: '20:00', to: '08:00' },
  { from: '00:00', to: '09:00' },
];

export const describeWindow = (window: QuietWindow | null, off: string) =>
  window ? `${window.from}–${window.to}` : off;
