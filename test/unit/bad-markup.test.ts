import fc from 'fast-check';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { TELEGRAM_TEXT_LIMIT } from '#src/notify/cards/format.js';
import { renderMessageCard } from '#src/notify/cards/message-card.js';
import { renderOrderCard } from '#src/notify/cards/order-card.js';
import { parseTelegramHtml } from '#src/sandbox/fake-telegram/html.js';
import { markupText } from '#test/harness/bad-input.js';
import { messageCardView, uk } from '#test/harness/card-views.js';
import { item, orderRecord } from '#test/harness/fixtures.js';

const RUNS = { numRuns: 200, seed: 20261123 };

/** Text built from what HTML and Markdown treat as syntax, entities included. */
const markup = fc
  .array(
    fc.oneof(
      markupText,
      fc.constantFrom('<', '>', '&', '*', '_', '`', '[', ']', '(', ')', '~', ';', '#', '/', '"', "'"),
      fc.constantFrom('amp;', 'lt;', 'gt;', 'quot;', '#60;', '#x3c;', 'b', 'a href=', 'pre', 'Олена'),
    ),
    { minLength: 1, maxLength: 24 },
  )
  .map((parts) => parts.join(''));

function visible(html: string): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(`${parsed.error} in ${html}`);
  expect(parsed.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
  return parsed.text;
}

/** The original is shown whole, or clipped with "…" after a fair part of it. */
function expectShown(text: string, original: string) {
  if (text.includes(original)) return;
  let kept = original.length;
  while (kept > 0 && !text.includes(`${original.slice(0, kept).trimEnd()}…`)) kept--;
  expect(kept, `"${original}" is not shown in\n${text}`).toBeGreaterThanOrEqual(16);
}

describe('What bad input gets: markup in names, comments and messages', () => {
  it('an order card shows buyer, comment, item, address and store names as plain text', () => {
    fc.assert(
      fc.property(markup, markup, markup, markup, markup, (buyer, comment, itemName, address, store) => {
        const { data } = orderRecord({
          storeId: new Types.ObjectId(),
          number: '313748913',
          placedAt: new Date('2026-11-23T12:05:00Z'),
          buyerName: buyer,
          items: [item('1', 'SKU-1', itemName, 2)],
        });
        const order = { ...data, comment, delivery: { ...data.delivery, address } };
        const card = renderOrderCard(
          {
            orderId: '6571a3f2c9e77b0012ab34cd',
            version: 1,
            order,
            storeName: store,
            sourceLabel: null,
            stageLabel: null,
            customerOrderCount: 1,
            assigneeName: buyer,
            autoAccept: { state: 'none', at: null },
            audit: [],
            now: new Date('2026-11-23T12:18:00Z'),
            timeZone: 'Europe/Kyiv',
            locale: 'uk',
          },
          uk,
        );
        const text = visible(card.text);
        for (const original of [buyer, comment, itemName, address, store]) expectShown(text, original);
      }),
      RUNS,
    );
  });

  it('a message card shows the buyer name and text as plain text', () => {
    fc.assert(
      fc.property(markup, markup, markup, (buyerName, text, store) => {
        const card = renderMessageCard(
          messageCardView({
            storeName: store,
            buyerName,
            order: { number: '312456789', statusLabel: 'Нове', url: null },
            text,
          }),
          uk,
        );
        expect(card.continuation).toEqual([]);
        const shown = visible(card.text);
        for (const original of [buyerName, text, store]) expectShown(shown, original);
      }),
      RUNS,
    );
  });
});
