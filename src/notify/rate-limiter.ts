/**
 * Telegram's published pace for bots: about 30 messages a second overall, one a second
 * per chat, twenty a minute per group. Each call waits for its turn instead of being refused.
 */
export interface SendPacer {
  /** resolves when a message to this chat may go out */
  acquire(chatId: number): Promise<void>;
  /** Telegram said 429: nothing more to this chat (or anywhere, when global) for `ms` */
  pause(chatId: number | null, ms: number): void;
  /** when this chat's next turn comes (ms since the epoch); now or earlier when it is free */
  nextTurnAt(chatId: number): number;
  /** resolves when this chat's next turn comes, without taking it */
  waitTurn(chatId: number): Promise<void>;
}

export interface PacerLimits {
  globalPerSecond: number;
  privateGapMs: number;
  groupGapMs: number;
}

export const TELEGRAM_LIMITS: PacerLimits = { globalPerSecond: 30, privateGapMs: 1000, groupGapMs: 3000 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSendPacer(limits: PacerLimits = TELEGRAM_LIMITS): SendPacer {
  const nextSlotByChat = new Map<number, number>();
  const recentGlobal: number[] = [];
  let globalPausedUntil = 0;

  function reserve(chatId: number, now: number): number {
    const gap = chatId < 0 ? limits.groupGapMs : limits.privateGapMs;
    const chatSlot = Math.max(now, nextSlotByChat.get(chatId) ?? 0, globalPausedUntil);
    while (recentGlobal.length > 0 && (recentGlobal[0] as number) <= chatSlot - 1000) recentGlobal.shift();
    const globalSlot =
      recentGlobal.length >= limits.globalPerSecond
        ? (recentGlobal[recentGlobal.length - limits.globalPerSecond] as number) + 1000
        : 0;
    const slot = Math.max(chatSlot, globalSlot);
    nextSlotByChat.set(chatId, slot + gap);
    recentGlobal.push(slot);
    recentGlobal.sort((a, b) => a - b);
    return slot;
  }

  const nextTurnAt = (chatId: number) => Math.max(nextSlotByChat.get(chatId) ?? 0, globalPausedUntil);

  return {
    async acquire(chatId) {
      const now = Date.now();
      const slot = reserve(chatId, now);
      if (slot > now) await sleep(slot - now);
    },
    nextTurnAt,
    async waitTurn(chatId) {
      const turn = nextTurnAt(chatId);
      if (turn > Date.now()) await sleep(turn - Date.now());
    },
    pause(chatId, ms) {
      const until = Date.now() + ms;
      if (chatId === null) globalPausedUntil = Math.max(globalPausedUntil, until);
      else nextSlotByChat.set(chatId, Math.max(nextSlotByChat.get(chatId) ?? 0, until));
    },
  };
}
