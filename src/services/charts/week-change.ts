/** J4: today's count against the same weekday a week earlier. */
export interface WeekChange {
  before: number;
  now: number;
  delta: number;
  /** whole percent of `before`; null when there was nothing to compare with */
  percent: number | null;
}

export function weekChange(before: number, now: number): WeekChange {
  const delta = now - before;
  return { before, now, delta, percent: before === 0 ? null : Math.round((delta / before) * 100) };
}

const signed = (value: number) => (value > 0 ? `+${value}` : value < 0 ? `\u2212${-value}` : '0');

/** "+3 (+33%)", "−2 (−15%)", "0 (0%)", or "+5" when a week earlier had none. */
export function formatWeekChange(change: WeekChange): string {
  if (change.percent === null) return signed(change.delta);
  return `${signed(change.delta)} (${signed(change.percent)}%)`;
}
