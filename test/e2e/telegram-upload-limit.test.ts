import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_PROM_TOKEN } from '#src/sandbox/fake-prom/server.js';
import { BOT_API_UPLOAD_LIMIT_BYTES, startFakeTelegram } from '#src/sandbox/fake-telegram/server.js';
import { ADMIN, TEST_BOT_TOKEN, startTestBed, type TestBed } from '#test/harness/app.js';
import { orderRecord } from '#test/harness/fixtures.js';

describe('P2/P3 files over the Bot API upload limit', () => {
  it('the fake Telegram refuses a document over 50 MB with 413 like the real Bot API', async () => {
    const telegram = await startFakeTelegram();
    try {
      const form = new FormData();
      form.append('chat_id', String(ADMIN.id));
      form.append('document', new Blob([new Uint8Array(BOT_API_UPLOAD_LIMIT_BYTES + 1)]), 'big.xlsx');
      const response = await fetch(`${telegram.url}/bot${TEST_BOT_TOKEN}/sendDocument`, {
        method: 'POST',
        body: form,
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        ok: false,
        error_code: 413,
        description: 'Request Entity Too Large',
      });
      expect(telegram.botMessages(ADMIN.id)).toHaveLength(0);
    } finally {
      await telegram.close();
    }
  });

  describe('with a lowered limit', () => {
    let bed: TestBed;

    beforeAll(async () => {
      bed = await startTestBed(import.meta.filename, { telegram: { maxUploadBytes: 1_000 } });
      bed.telegram.sendText(ADMIN, '/start');
      await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).length > 0);
      const store = await bed.app.services.stores.create({
        name: 'Туристичний Prom',
        credentials: { marketplace: 'prom', token: FAKE_PROM_TOKEN },
        status: 'paused',
      });
      await bed.app.models.orders.insertMany([
        orderRecord({ storeId: store._id, number: 'BIG-1', placedAt: new Date() }),
      ]);
    });

    afterAll(async () => {
      await bed?.close();
    });

    it('answers a refused report with a plain message and keeps working', async () => {
      bed.telegram.sendText(ADMIN, '/report');
      const menu = await bed.telegram.waitFor(() =>
        bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes('період')),
      );
      const tap = (label: string) => {
        const button = menu.reply_markup?.inline_keyboard.flat().find((b) => b.text === label);
        if (!button || !('callback_data' in button)) throw new Error(`no button ${label}`);
        bed.telegram.clickButton(ADMIN, menu, button.callback_data as string);
      };
      tap('Сьогодні');
      await bed.telegram.waitFor(() => menu.text.includes('магазин'));
      tap('Усі магазини');
      const refusal = await bed.telegram.waitFor(() =>
        bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes('50 МБ')),
      );
      expect(refusal.document).toBeNull();
      expect(bed.telegram.calls.some((c) => c.method === 'sendDocument')).toBe(true);
      expect(bed.telegram.botMessages(ADMIN.id).some((m) => m.document)).toBe(false);

      bed.telegram.sendText(ADMIN, '/help');
      await bed.telegram.waitFor(() => bed.telegram.botMessages(ADMIN.id).at(-1)?.text.includes('/language'));
    });

    it('the daily summary still tells the admin the day’s figures when its file is refused', async () => {
      await bed.app.runDailySummary(new Date());
      const summary = await bed.telegram.waitFor(() =>
        bed.telegram.botMessages(ADMIN.id).find((m) => m.text.includes('Замовлень: 1')),
      );
      expect(summary?.text).toContain('50 МБ');
    });
  });
});
