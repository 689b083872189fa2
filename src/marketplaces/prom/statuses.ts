import type { CancelReason, OrderStatusGroup, StatusTransition } from '#src/marketplaces/port.js';

/** Prom's order status vocabulary (read side), with the seller-facing Ukrainian labels. */
export const PROM_STATUS_LABELS: Record<string, string> = {
  pending: 'Нове',
  paid: 'Оплачено',
  received: 'Прийнято',
  delivered: 'Виконано',
  canceled: 'Скасовано',
  draft: 'Чернетка',
};

/** Statuses in which the seller still has to accept the order. */
const AWAITING_ACCEPT = new Set(['pending', 'paid', 'draft', 'waiting_loan_approval', 'loan_approved']);

export function promStatusGroup(status: string): OrderStatusGroup {
  if (AWAITING_ACCEPT.has(status)) return 'new';
  if (status === 'delivered') return 'done';
  if (status === 'canceled' || status === 'loan_rejected') return 'cancelled';
  return 'processing';
}

const ACCEPT: StatusTransition = {
  kind: 'accept',
  status: 'received',
  label: 'Прийняти',
  requiresTtn: false,
};
const CANCEL: StatusTransition = {
  kind: 'cancel',
  status: 'canceled',
  label: 'Скасувати',
  requiresTtn: false,
};
const COMPLETE: StatusTransition = {
  kind: 'status',
  status: 'delivered',
  label: 'Виконано',
  requiresTtn: false,
};

/** Only moves Prom accepts from the current status (pending/draft are not writable at all). */
export function promTransitions(status: string): StatusTransition[] {
  const group = promStatusGroup(status);
  if (group === 'new') return [ACCEPT, CANCEL];
  if (group === 'processing') return [COMPLETE, CANCEL];
  return [];
}

/** The documented `cancellation_reason` values; three of them need `cancellation_text`. */
export const PROM_CANCEL_REASONS: readonly CancelReason[] = [
  { code: 'not_available', label: 'Немає в наявності', requiresText: false },
  { code: 'price_changed', label: 'Змінилась ціна', requiresText: true },
  { code: 'buyers_request', label: 'На прохання покупця', requiresText: false },
  { code: 'not_enough_fields', label: 'Недостатньо даних', requiresText: true },
  { code: 'duplicate', label: 'Дублікат замовлення', requiresText: false },
  { code: 'invalid_phone_number', label: 'Неправильний номер телефону', requiresText: false },
  { code: 'less_than_minimal_price', label: 'Сума менша за мінімальну', requiresText: false },
  { code: 'another', label: 'Інша причина', requiresText: true },
];
