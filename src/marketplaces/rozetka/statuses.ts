import type { OrderStatusGroup } from '#src/marketplaces/port.js';

/**
 * Rozetka order statuses (spec §4.2): Ukrainian label and `status_group`
 * (1 processing, 2 successful, 3 unsuccessful). Groups marked "i" in the spec are inferred;
 * the live `status_group` of an order always wins over this table.
 */
export type RozetkaStatusGroup = 1 | 2 | 3;

interface StatusInfo {
  label: string;
  group: RozetkaStatusGroup;
}

const PROCESSING = 1;
const SUCCESS = 2;
const CANCELLED = 3;

export const ROZETKA_STATUSES: ReadonlyMap<number, StatusInfo> = new Map<number, StatusInfo>(
  (
    [
      [1, 'Нове замовлення', PROCESSING],
      [2, 'Комплектується. Дані підтверджені', PROCESSING],
      [3, 'Передано до служби доставки', PROCESSING],
      [4, 'Доставляється', PROCESSING],
      [5, 'Очікує в пункті самовивозу', PROCESSING],
      [6, 'Замовлення виконано', SUCCESS],
      [7, 'Не оброблено продавцем протягом дня', PROCESSING],
      [10, 'Відправлення протерміновано', CANCELLED],
      [11, 'Не забрано посилку', CANCELLED],
      [12, 'Відмова при отриманні', CANCELLED],
      [13, 'Скасовано адміністратором', CANCELLED],
      [15, 'Некоректний ТТН', PROCESSING],
      [16, 'Немає в наявності / брак', CANCELLED],
      [17, 'Скасування. Не влаштовує оплата', CANCELLED],
      [18, 'Скасування. Не вдалося зв’язатися з покупцем', CANCELLED],
      [19, 'Замовлення повернено', CANCELLED],
      [20, 'Товар не підходить за характеристиками', CANCELLED],
      [24, 'Скасування. Не влаштовує доставка', CANCELLED],
      [25, 'Тестове замовлення', CANCELLED],
      [26, 'Обробляється менеджером', PROCESSING],
      [27, 'Вимагає доукомплектації', PROCESSING],
      [28, 'Некоректні контактні дані', CANCELLED],
      [29, 'Скасування. Некоректна ціна на сайті', CANCELLED],
      [30, 'Закінчився термін резерву', CANCELLED],
      [31, 'Скасування. Замовлення відновлено', CANCELLED],
      [32, 'Скасування. Не влаштовує розгрупування замовлення', CANCELLED],
      [33, 'Скасування. Не влаштовує вартість доставки', CANCELLED],
      [34, 'Скасування. Не влаштовує перевізник, спосіб доставки', CANCELLED],
      [35, 'Скасування. Не влаштовує термін доставки', CANCELLED],
      [36, 'Скасування. Клієнт хоче безготівкову оплату', CANCELLED],
      [37, 'Передоплата не влаштовує', CANCELLED],
      [38, 'Скасування. Не влаштовує якість товару', CANCELLED],
      [39, 'Скасування. Не підійшли характеристики (колір, розмір)', CANCELLED],
      [40, 'Скасування. Клієнт передумав', CANCELLED],
      [41, 'Скасування. Придбав на іншому сайті', CANCELLED],
      [42, 'Немає в наявності', CANCELLED],
      [43, 'Брак', CANCELLED],
      [44, 'Скасування. Фейкове замовлення', CANCELLED],
      [45, 'Скасовано покупцем', CANCELLED],
      [46, 'Відновлено під час продзвонювання', SUCCESS],
      [47, 'Планується повторний дзвінок', PROCESSING],
      [49, 'Скасування. Дубль замовлення', CANCELLED],
      [50, 'Клієнт не оплатив', CANCELLED],
      [51, 'У кредиті відмовлено', CANCELLED],
      [52, 'Нове замовлення за 1 клік', PROCESSING],
      [53, 'Очікує підтвердження клієнтом', PROCESSING],
      [54, 'Опрацьовано автоматично', PROCESSING],
      [55, 'Очікує отримання оплати', PROCESSING],
      [56, 'Комплектується перевізником', PROCESSING],
      [57, 'Заплановано доставку', PROCESSING],
      [58, 'Передано до служби доставки в Польщі', PROCESSING],
      [59, 'На митному контролі', PROCESSING],
      [60, 'Передано до служби доставки в Україні', PROCESSING],
      [61, 'Заплановано передачу перевізникові', PROCESSING],
      [62, 'Змінено дату видачі', PROCESSING],
      [63, 'Обробляється службою доставки', PROCESSING],
      [64, 'Доставляється в місто отримувача', PROCESSING],
      [65, 'Перебуває в місті отримувача', PROCESSING],
      [66, 'Перебуває в місті отримувача', PROCESSING],
      [67, 'Видано кур’єру в місті отримувача', PROCESSING],
      [68, 'Отримано частково', SUCCESS],
      [69, 'Змінено дату чи адресу доставки', PROCESSING],
      [70, 'Планується повторний дзвінок', PROCESSING],
      [71, 'Скасування. Товар повернувся', CANCELLED],
      [72, 'Скасування. Здійснено повернення коштів', CANCELLED],
      [73, 'У черзі на отримання', PROCESSING],
      [74, 'Сьогодні закінчується термін резерву', PROCESSING],
      [75, 'Скасування. Скасовано КЦ', CANCELLED],
      [76, 'Очікує клієнта у поштоматі', PROCESSING],
      [77, 'Скасування. Відмовлено банком', CANCELLED],
      [78, 'Змінено час видачі', PROCESSING],
      [79, 'Очікує модерації КЦ', PROCESSING],
      [85, 'Повернено продавцю', CANCELLED],
      [87, 'Виконано. Минув термін обробки', SUCCESS],
      [88, 'Втрачена перевізником', CANCELLED],
    ] as const
  ).map(([id, label, group]) => [id, { label, group }]),
);

/** Statuses a fresh order sits in before a manager takes it. */
const NEW_STATUS_IDS: ReadonlySet<number> = new Set([1, 7, 52]);

/** "Обробляється менеджером": the move that tells the buyer work has started (help centre). */
export const ACCEPT_STATUS_ID = 26;
/** Cancelling as a duplicate needs `duplicate_order_id` (spec §4.4). */
export const DUPLICATE_STATUS_ID = 49;
/** Moving to these needs a TTN (spec §4.4). */
export const TTN_STATUS_IDS: ReadonlySet<number> = new Set([3, 61]);
/**
 * Moves that carry a TTN, best first (spec §0.2): 61 "handing over to the carrier is planned";
 * 2 with a TTN, which Rozetka turns into 61; 3 "handed to the carrier".
 */
const WAYBILL_MOVES: readonly number[] = [61, 2, 3];

/** The move to send a TTN with, out of the moves the order offers; null when none takes one. */
export function waybillMove(offered: readonly number[]): number | null {
  return WAYBILL_MOVES.find((status) => offered.includes(status)) ?? null;
}

/**
 * Cancellation statuses a seller picks from, used when an order arrives without
 * `status_available` (the live list per order is preferred; the full matrix is UNCONFIRMED).
 */
export const SELLER_CANCEL_STATUS_IDS: readonly number[] = [
  18, 24, 28, 29, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 49,
];

export function statusLabel(id: number): string {
  return ROZETKA_STATUSES.get(id)?.label ?? `Статус ${id}`;
}

export function statusGroupOf(id: number): RozetkaStatusGroup | null {
  return ROZETKA_STATUSES.get(id)?.group ?? null;
}

export function isCancellationStatus(id: number): boolean {
  return statusGroupOf(id) === CANCELLED;
}

export function domainStatusGroup(id: number, liveGroup: number | null): OrderStatusGroup {
  if (NEW_STATUS_IDS.has(id)) return 'new';
  switch (liveGroup ?? statusGroupOf(id)) {
    case SUCCESS:
      return 'done';
    case CANCELLED:
      return 'cancelled';
    default:
      return 'processing';
  }
}
