import fc from 'fast-check';
import type { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { OrderDoc } from '#src/db/models/order.js';
import { TELEGRAM_TEXT_LIMIT } from '#src/notify/cards/format.js';
import { renderMessageCard } from '#src/notify/cards/message-card.js';
import { renderOrderDetails } from '#src/notify/cards/order-details.js';
import { parseTelegramHtml } from '#src/sandbox/fake-telegram/html.js';
import { withSignature } from '#src/services/buyer-replies.js';
import { messageCardView, uk } from '#test/harness/card-views.js';

const view = messageCardView;

const visible = (html: string) => {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.text;
};

describe('M1 message card', () => {
  it('shows store, buyer, order with status, time and the four buttons', () => {
    const card = renderMessageCard(view(), uk);
    const text = visible(card.text);
    expect(text).toContain('Туристичний Prom (Prom.ua)');
    expect(text).toContain('Оксана Коваль · 23.11.2026 12:05');
    expect(text).toContain('Замовлення №312456789 — Нове');
    expect(card.replyMarkup.inline_keyboard.flat().map((b) => b.text)).toEqual([
      '✍️ Відповісти',
      '📋 Шаблони',
      '👁 Прочитано',
      '🔗 Замовлення',
    ]);
    expect(card.continuation).toEqual([]);
  });

  it('links attachments that are addresses and names the others', () => {
    const card = renderMessageCard(
      view({ attachments: ['https://img.prom.st/a.jpg?x="1"&y=2', 'накладна.pdf'] }),
      uk,
    );
    expect(card.text).toContain(
      '<a href="https://img.prom.st/a.jpg?x=&quot;1&quot;&amp;y=2">Вкладення 1</a>',
    );
    expect(visible(card.text)).toContain('Вкладення 2: накладна.pdf');
  });

  it('says who answered and who read it, and drops Mark read once read', () => {
    const at = new Date('2026-11-23T10:07:00Z');
    const card = renderMessageCard(view({ answered: { by: 'Олена', at }, read: { by: 'Тарас', at } }), uk);
    expect(visible(card.text)).toContain('Відповів(-ла) Олена, 23.11.2026 12:07');
    expect(visible(card.text)).toContain('Прочитано: Тарас, 23.11.2026 12:07');
    expect(JSON.stringify(card.replyMarkup)).not.toContain('bmk:');
  });

  it('keeps any buyer text, names and attachments valid HTML within 4096 characters, losing nothing', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 12_000 }),
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.array(fc.string({ maxLength: 300 }), { maxLength: 15 }),
        (text, name, attachments) => {
          const card = renderMessageCard(
            view({
              text,
              buyerName: name,
              storeName: name,
              attachments,
              answered: { by: name, at: new Date() },
            }),
            uk,
          );
          for (const html of [card.text, ...card.continuation]) {
            expect(visible(html).length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
          }
          const shownParts = card.continuation.map((part) => visible(part).replace(/^\(\d+\/\d+\)\n/, ''));
          const squeeze = (s: string) => s.replace(/\s+/g, '');
          const all = squeeze(visible(card.text) + shownParts.join(''));
          for (const line of text.trim().split(/\s+/)) expect(all).toContain(squeeze(line));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('M2 signature', () => {
  it('is appended as its own paragraph, and nothing is added without one', () => {
    expect(withSignature('  Так, є.  ', ' Магазин «Намет» ')).toBe('Так, є.\n\nМагазин «Намет»');
    expect(withSignature('Так, є.', '   ')).toBe('Так, є.');
  });
});

describe('M4 order details list the buyer thread', () => {
  it('adds the messages of both sides after the items, escaped', () => {
    const order = {
      _id: '6571a3f2c9e77b0012ab34cd' as unknown as Types.ObjectId,
      data: { number: '42', items: [], comment: null, currency: 'UAH' },
    } as unknown as OrderDoc;
    const [details] = renderOrderDetails(order, uk, 'uk', [
      { at: new Date(), from: 'buyer', name: 'Оксана', text: 'Де <посилка>?' },
      { at: new Date(), from: 'shop', name: 'Олена', text: 'Вже їде' },
    ]);
    expect(details).toContain('Листування з покупцем:\n👤 Оксана: Де &lt;посилка&gt;?\n🏪 Олена: Вже їде');
  });
});
