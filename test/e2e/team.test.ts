import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_PROM_TOKEN } from '#src/sandbox/fake-prom/server.js';
import type { FakeUser } from '#src/sandbox/fake-telegram/server.js';
import { MAX_FAILED_REDEMPTIONS } from '#src/services/invites.js';
import type { StoreRecord } from '#src/services/stores.js';
import { ADMIN, startTestBed, type TestBed, MANAGER, addManager } from '#test/harness/app.js';
import { ask, hasButton, tap } from '#test/harness/chat.js';

let bed: TestBed;
let shoes: StoreRecord;
let bags: StoreRecord;

let nextUserId = 3000;
const newcomer = (): FakeUser => ({
  id: nextUserId++,
  first_name: `Гість${nextUserId}`,
  language_code: 'uk',
});

beforeAll(async () => {
  bed = await startTestBed(import.meta.filename);
  await addManager(bed);
  await ask(bed.telegram, ADMIN, '/start', /Вітаю/);
  const credentials = { marketplace: 'prom' as const, token: FAKE_PROM_TOKEN };
  shoes = await bed.app.services.stores.create({ name: 'Взуття', credentials });
  bags = await bed.app.services.stores.create({ name: 'Сумки', credentials });
});

afterAll(async () => {
  await bed?.close();
});

/** S5 from the admin's first tap to a working link */
async function inviteThroughTheMenu(role: RegExp, stores: RegExp[] | 'all'): Promise<string> {
  const { telegram } = bed;
  const menu = await ask(telegram, ADMIN, '/invite', /Кого запрошуємо/);
  await tap(telegram, ADMIN, menu, role);
  if (role.test('менеджер')) {
    await telegram.waitFor(() => menu.text.includes('Які магазини'));
    if (stores === 'all') await tap(telegram, ADMIN, menu, /Усі магазини/);
    else {
      for (const store of stores) {
        await tap(telegram, ADMIN, menu, store);
        await telegram.waitFor(() =>
          menu.reply_markup?.inline_keyboard.flat().some((b) => /✅/.test(b.text) && store.test(b.text)),
        );
      }
      await tap(telegram, ADMIN, menu, /Створити посилання/);
    }
  }
  await telegram.waitFor(() => menu.text.includes('t.me/'));
  const match = /t\.me\/marketdesk_test_bot\?start=([\w-]+)/.exec(menu.text);
  if (!match) throw new Error(`no link in "${menu.text}"`);
  return match[1] as string;
}

describe('S5 users and roles', () => {
  it('invites a manager limited to one store: link, redemption, stored member', async () => {
    const code = await inviteThroughTheMenu(/^менеджер$/, [/Сумки/]);
    const guest = newcomer();
    await ask(bed.telegram, guest, `/start ${code}`, /Ви в команді магазину, ваша роль — менеджер/);
    const user = await bed.app.models.users.findOne({ telegramId: guest.id }).lean();
    expect(user).toMatchObject({
      role: 'manager',
      active: true,
      allStores: false,
      storeIds: [String(bags._id)],
    });
    await ask(bed.telegram, guest, '/help', /Що я вмію/);
  });

  it('invites an admin in one tap', async () => {
    const code = await inviteThroughTheMenu(/^адміністратор$/, 'all');
    const guest = newcomer();
    await ask(bed.telegram, guest, `/start ${code}`, /адміністратор/);
    const user = await bed.app.models.users.findOne({ telegramId: guest.id }).lean();
    expect(user).toMatchObject({ role: 'admin', allStores: true, storeIds: [] });
  });

  it('refuses a reused invite', async () => {
    const code = await inviteThroughTheMenu(/^менеджер$/, 'all');
    await ask(bed.telegram, newcomer(), `/start ${code}`, /Ви в команді/);
    const late = newcomer();
    await ask(bed.telegram, late, `/start ${code}`, /вже використано/);
    expect(await bed.app.models.users.exists({ telegramId: late.id })).toBeNull();
  });

  it('refuses an expired invite', async () => {
    const code = await inviteThroughTheMenu(/^менеджер$/, 'all');
    await bed.app.models.invites.updateOne({ code }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const guest = newcomer();
    await ask(bed.telegram, guest, `/start ${code}`, /Термін дії запрошення минув/);
    expect(await bed.app.models.users.exists({ telegramId: guest.id })).toBeNull();
  });

  it('lets exactly one of two simultaneous redemptions of one code win', async () => {
    const code = await inviteThroughTheMenu(/^менеджер$/, 'all');
    const [first, second] = [newcomer(), newcomer()];
    bed.telegram.sendText(first, `/start ${code}`);
    bed.telegram.sendText(second, `/start ${code}`);
    const replies = await bed.telegram.waitFor(() => {
      const texts = [first, second].map((u) => bed.telegram.botMessages(u.id)[0]?.text);
      return texts.every(Boolean) ? texts : null;
    });
    expect(replies.filter((text) => /Ви в команді/.test(text ?? ''))).toHaveLength(1);
    expect(replies.filter((text) => /вже використано/.test(text ?? ''))).toHaveLength(1);
    expect(await bed.app.models.users.countDocuments({ telegramId: { $in: [first.id, second.id] } })).toBe(1);

    // and through the service, many at once
    const draft = await bed.app.services.invites.startDraft(ADMIN.id);
    await bed.app.services.invites.finish(String(draft._id), ADMIN.id, { allStores: true });
    const racers = Array.from({ length: 6 }, () => newcomer());
    const results = await Promise.all(racers.map((u) => bed.app.services.invites.redeem(draft.code, u)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await bed.app.models.users.countDocuments({ telegramId: { $in: racers.map((u) => u.id) } })).toBe(
      1,
    );
  });

  it('rate-limits code guessing per Telegram user', async () => {
    const guesser = newcomer();
    for (let i = 0; i < MAX_FAILED_REDEMPTIONS; i++)
      await ask(bed.telegram, guesser, `/start guess${i}`, /не знайдено/);
    const code = await inviteThroughTheMenu(/^менеджер$/, 'all');
    await ask(bed.telegram, guesser, `/start ${code}`, /Забагато невдалих спроб/);
    expect(await bed.app.models.users.exists({ telegramId: guesser.id })).toBeNull();
    // the code itself is still good for someone else
    await ask(bed.telegram, newcomer(), `/start ${code}`, /Ви в команді/);
  });

  it('changes a role, limits to stores and removes a member from /users', async () => {
    const code = await inviteThroughTheMenu(/^менеджер$/, 'all');
    const member = newcomer();
    await ask(bed.telegram, member, `/start ${code}`, /Ви в команді/);
    const { telegram } = bed;
    const menu = await ask(telegram, ADMIN, '/users', /Команда:/);
    await tap(telegram, ADMIN, menu, new RegExp(member.first_name));
    await telegram.waitFor(() => menu.text.includes('Роль: менеджер'));

    // a manager of no store (e.g. one taken out of ADMIN_IDS) made admin reaches every store
    await bed.app.models.users.updateOne(
      { telegramId: member.id },
      { $set: { allStores: false, storeIds: [] } },
    );
    await tap(telegram, ADMIN, menu, /Зробити адміністратором/);
    await telegram.waitFor(() => menu.text.includes('Роль: адміністратор'));
    expect(await bed.app.models.users.findOne({ telegramId: member.id }).lean()).toMatchObject({
      role: 'admin',
      allStores: true,
    });

    await tap(telegram, ADMIN, menu, /Магазини/);
    await telegram.waitFor(() => menu.text.includes('Які магазини бачить'));
    await tap(telegram, ADMIN, menu, /Взуття/);
    await telegram.waitFor(() => hasButton(menu, /✅ Взуття/));
    expect((await bed.app.models.users.findOne({ telegramId: member.id }).lean())?.storeIds).toEqual([
      String(shoes._id),
    ]);
    await tap(telegram, ADMIN, menu, /усі магазини/);
    await telegram.waitFor(() => hasButton(menu, /✅ усі магазини/));
    expect(await bed.app.models.users.findOne({ telegramId: member.id }).lean()).toMatchObject({
      allStores: true,
    });

    await tap(telegram, ADMIN, menu, /Назад/);
    await telegram.waitFor(() => hasButton(menu, /Видалити з команди/));
    await tap(telegram, ADMIN, menu, /Видалити з команди/);
    await telegram.waitFor(() => hasButton(menu, /Так, видалити/));
    await tap(telegram, ADMIN, menu, /Так, видалити/);
    await telegram.waitFor(() => menu.text.includes('Команда:'));
    expect((await bed.app.models.users.findOne({ telegramId: member.id }).lean())?.active).toBe(false);
    await ask(telegram, member, '/help', /працює лише для команди магазину/);
  });

  it('shows admins from ADMIN_IDS without buttons to change them', async () => {
    const menu = await ask(bed.telegram, ADMIN, '/users', /Команда:/);
    await tap(bed.telegram, ADMIN, menu, /Олена/);
    await bed.telegram.waitFor(() => menu.text.includes('ADMIN_IDS'));
    expect(hasButton(menu, /Видалити/)).toBe(false);
  });
});

describe('S5 a manager cannot use admin commands or buttons', () => {
  it('refuses every admin command', async () => {
    for (const command of ['/invite', '/users', '/routing', '/status'])
      await ask(bed.telegram, MANAGER, command, /лише адміністратор/);
    await ask(bed.telegram, MANAGER, '/here', /лише адміністратор/, { chatId: -100500 });
    expect(await bed.app.models.invites.countDocuments({ createdBy: MANAGER.id })).toBe(0);
  });

  it('refuses every admin button and changes nothing', async () => {
    const menu = await ask(bed.telegram, ADMIN, '/users', /Команда:/);
    const draft = await bed.app.services.invites.startDraft(ADMIN.id);
    const storeId = String(shoes._id);
    const before = JSON.stringify(await bed.app.models.users.find().sort({ telegramId: 1 }).lean());
    const storesBefore = JSON.stringify(await bed.app.models.stores.find().sort({ name: 1 }).lean());
    const forged = [
      'ul',
      `us:${MANAGER.id}`,
      `uss:${MANAGER.id}`,
      `urm:${MANAGER.id}`,
      `ur:${MANAGER.id}:admin`,
      `ur:${ADMIN.id}:manager`,
      `ust:${MANAGER.id}:${storeId}`,
      `urc:${MANAGER.id}`,
      `ivr:${String(draft._id)}:admin`,
      `ivs:${String(draft._id)}:${storeId}`,
      `ivd:${String(draft._id)}:1`,
      'rl',
      `rs:${storeId}`,
      `rq:${storeId}:-100500:0`,
      `rt:${storeId}:0:0:n`,
      `rx:${storeId}:0:0`,
      `rqs:${storeId}:-100500:0:1`,
      `hr:${storeId}`,
      'hra',
      `sn:${storeId}`,
    ];
    for (const data of forged)
      expect(await tap(bed.telegram, MANAGER, menu, data)).toMatch(/лише адміністратор/);
    expect(JSON.stringify(await bed.app.models.users.find().sort({ telegramId: 1 }).lean())).toBe(before);
    expect(JSON.stringify(await bed.app.models.stores.find().sort({ name: 1 }).lean())).toBe(storesBefore);
    expect((await bed.app.models.invites.findById(draft._id).lean())?.state).toBe('draft');
  });
});
