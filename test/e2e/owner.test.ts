import { afterEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '#src/sandbox/fake-telegram/server.js';
import { memoryLogger } from '#test/harness/bad-input.js';
import { ask } from '#test/harness/chat.js';
import { STRANGER, startTestBed, type TestBed } from '#test/harness/app.js';

let bed: TestBed | undefined;

afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

const OWNER: FakeUser = { id: 4242, first_name: 'Ірина', username: 'iryna_shop', language_code: 'uk' };
const OTHER: FakeUser = { id: 5353, first_name: 'Петро', language_code: 'uk' };
const OWNER_LINE =
  /^no admin yet: open https:\/\/t\.me\/marketdesk_test_bot\?start=(owner_[\w-]+) in Telegram/;

function ownerLog() {
  const log = memoryLogger('info');
  /** the owner codes logged so far, one per start */
  const ownerCodes = () => log.records().flatMap((line) => OWNER_LINE.exec(line.msg)?.[1] ?? []);
  return { ...log, ownerCodes };
}

async function startWithoutAdmins() {
  const log = ownerLog();
  bed = await startTestBed(import.meta.filename, { env: { ADMIN_IDS: '' }, logger: log.logger });
  return { bed, log };
}

describe('S5 owner onboarding', () => {
  it('a bot without an admin logs the same owner link at each start; a stranger is told where to look', async () => {
    const { bed, log } = await startWithoutAdmins();
    expect(log.ownerCodes()).toHaveLength(1);
    const [code] = log.ownerCodes() as [string];
    expect(log.records().filter((line) => OWNER_LINE.test(line.msg))[0]?.level).toBe(40);

    const refusal = await ask(bed.telegram, STRANGER, '/start', /адміністратора/);
    expect(refusal.text).toContain('ще немає адміністратора');
    expect(refusal.text).toContain('no admin yet');
    expect(refusal.text).toContain(`Telegram id ${STRANGER.id} в ADMIN_IDS`);

    await bed.restart();
    expect(log.ownerCodes()).toEqual([code, code]);
  }, 60_000);

  it('the first /start with the owner link makes that user the admin; then the link is used up', async () => {
    const { bed, log } = await startWithoutAdmins();
    const [code] = log.ownerCodes() as [string];
    await ask(bed.telegram, OWNER, `/start ${code}`, /Тепер ви адміністратор/);
    const owner = await bed.app.models.users.findOne({ telegramId: OWNER.id }).lean();
    // an admin reaches every store (an explicit scope: an empty list alone means none)
    expect(owner).toMatchObject({
      role: 'admin',
      active: true,
      allStores: true,
      name: 'Ірина',
      username: 'iryna_shop',
    });
    await ask(bed.telegram, OWNER, '/invite', /Кого запрошуємо/);

    await ask(bed.telegram, OTHER, `/start ${code}`, /вже використано/);
    expect(await bed.app.models.users.countDocuments({ role: 'admin' })).toBe(1);
    const strangerNow = await ask(bed.telegram, STRANGER, '/start', /команди магазину/);
    expect(strangerNow.text).not.toContain('ADMIN_IDS');
    await ask(bed.telegram, OWNER, `/start ${code}`, /MarketDesk/);

    await bed.restart();
    expect(log.ownerCodes()).toHaveLength(1);
  }, 60_000);

  it('a made-up owner code is refused', async () => {
    const { bed } = await startWithoutAdmins();
    await ask(bed.telegram, OTHER, '/start owner_made-up-code', /не знайдено/);
    expect(await bed.app.models.users.countDocuments()).toBe(0);
  });

  it('of many who claim the link at the same moment exactly one becomes admin', async () => {
    const { bed, log } = await startWithoutAdmins();
    const [code] = log.ownerCodes() as [string];
    const claimants = Array.from({ length: 8 }, (_, i) => ({ id: 7000 + i, first_name: `Claimant ${i}` }));
    const results = await Promise.all(claimants.map((user) => bed.app.services.owner.claim(code, user)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual(Array(7).fill({ ok: false, reason: 'used' }));
    expect(await bed.app.models.users.countDocuments({ role: 'admin' })).toBe(1);
  });

  it('processes starting at the same moment log the same code', async () => {
    const { bed, log } = await startWithoutAdmins();
    await bed.app.models.ownerCodes.deleteMany({});
    const codes = await Promise.all(Array.from({ length: 4 }, () => bed.app.services.owner.pendingCode()));
    expect(new Set(codes).size).toBe(1);
    expect(codes[0]).not.toBe(log.ownerCodes()[0]);
    expect(await bed.app.models.ownerCodes.countDocuments()).toBe(1);
  });

  it('with ADMIN_IDS set no owner link is logged', async () => {
    const log = ownerLog();
    bed = await startTestBed(import.meta.filename, { logger: log.logger });
    expect(log.ownerCodes()).toEqual([]);
    expect(await bed.app.services.owner.pendingCode()).toBeNull();
  });
});
