/**
 * The fake's status-transition matrix (spec §4.3: the real one is UNCONFIRMED and per order;
 * this follows the help-centre workflow 1 → 26 → 2 → 3 plus the pairs seen in examples).
 * `delivery_type` 0 = a carrier's service, 1 = the seller's own delivery.
 */
export interface StatusAvailable {
  id: number;
  parent_id: number;
  child_id: number;
  delivery_type: 0 | 1;
  market_group: number;
}

const FAKE_SELLER_CANCELLATIONS = [18, 24, 28, 29, 33, 35, 37, 38, 40, 41, 42, 43, 44, 49] as const;

const BOTH: readonly (0 | 1)[] = [0, 1];
const MOVES: readonly { from: number; to: readonly number[]; deliveryTypes?: readonly (0 | 1)[] }[] = [
  { from: 1, to: [26, 2, ...FAKE_SELLER_CANCELLATIONS] },
  { from: 7, to: [26, ...FAKE_SELLER_CANCELLATIONS] },
  { from: 52, to: [26, ...FAKE_SELLER_CANCELLATIONS] },
  { from: 47, to: [26, 2, ...FAKE_SELLER_CANCELLATIONS] },
  { from: 26, to: [2, 47, ...FAKE_SELLER_CANCELLATIONS] },
  { from: 2, to: [26, 3, 61, ...FAKE_SELLER_CANCELLATIONS] },
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
