/**
 * The fake's status-transition matrix. The real one is per order and not published (spec §4.3);
 * this one holds what live integrations recorded (spec §0.2): from 1 only 26 or a cancellation,
 * from 26 exactly the list a real order offered (no 3), then 2 → 61/3, 61 → 3 and the carrier's
 * steps. Anything else is refused with 1005. `delivery_type` 0 = a carrier's service,
 * 1 = the seller's own delivery.
 */
export interface StatusAvailable {
  id: number;
  parent_id: number;
  child_id: number;
  delivery_type: 0 | 1;
  market_group: number;
}

const FAKE_SELLER_CANCELLATIONS = [18, 24, 28, 29, 33, 35, 37, 38, 40, 41, 42, 43, 44, 49] as const;
/** `status_available` of a real order in 26 (toysi `rozetka_client.py`), in Rozetka's order */
export const RECORDED_MOVES_FROM_26 = [
  55, 47, 2, 61, 42, 43, 28, 33, 40, 49, 20, 18, 29, 17, 37, 38,
] as const;

const BOTH: readonly (0 | 1)[] = [0, 1];
const MOVES: readonly { from: number; to: readonly number[]; deliveryTypes?: readonly (0 | 1)[] }[] = [
  { from: 1, to: [26, ...FAKE_SELLER_CANCELLATIONS] },
  { from: 7, to: [26, ...FAKE_SELLER_CANCELLATIONS] },
  { from: 52, to: [26, ...FAKE_SELLER_CANCELLATIONS] },
  { from: 26, to: RECORDED_MOVES_FROM_26 },
  { from: 47, to: [26, 2, ...FAKE_SELLER_CANCELLATIONS] },
  { from: 55, to: [2, 61, ...FAKE_SELLER_CANCELLATIONS] },
  { from: 2, to: [26, 61, 3, ...FAKE_SELLER_CANCELLATIONS] },
  { from: 2, to: [4], deliveryTypes: [1] },
  { from: 61, to: [3, 40, 42] },
  { from: 3, to: [4, 5, 6, 11, 12] },
  { from: 4, to: [5, 6, 12] },
  { from: 5, to: [3], deliveryTypes: [0] },
  { from: 5, to: [6, 11] },
];

export const STATUS_AVAILABLES: readonly StatusAvailable[] = MOVES.flatMap(
  ({ from, to, deliveryTypes = BOTH }) =>
    deliveryTypes.flatMap((deliveryType) =>
      to.map((child) => ({ parent_id: from, child_id: child, delivery_type: deliveryType, market_group: 1 })),
    ),
).map((move, index) => ({ id: index + 1, ...move }));

export function allowedMoves(from: number, deliveryType: 0 | 1): StatusAvailable[] {
  return STATUS_AVAILABLES.filter((move) => move.parent_id === from && move.delivery_type === deliveryType);
}

export function isAllowedMove(from: number, to: number, deliveryType: 0 | 1): boolean {
  return allowedMoves(from, deliveryType).some((move) => move.child_id === to);
}
