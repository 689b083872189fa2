import { Api, GrammyError, HttpError } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreRecord } from '#src/services/stores.js';
import { startFakeProm, type FakeProm } from '#src/sandbox/fake-prom/server.js';
import { startFakeRozetka, type FakeRozetka } from '#src/sandbox/fake-rozetka/index.js';
import type { FakeMessage } from '#src/sandbox/fake-telegram/server.js';
import {
  ADMIN,
  FAST_HTTP,
  greetAdmin,
  startTestBed,
  STRANGER,
  TEST_BOT_TOKEN,
  TEST_ENCRYPTION_KEY,
  type TestBed,
  MANAGER,
  addManager,
} from '#test/harness/app.js';
import { ask, buttonData, chatDriver, connectThroughChat } from '#test/harness/chat.js';
import { memoryLogger } from '#test/harness/bad-input.js';
import { tallyBadInputs } from '#test/harness/bad-input-tally.js';

const PROM_TOKEN = 'prom-secret-token-5d1e8a0b7c';
const ROZETKA_LOGIN = 'fuzz-seller';
const ROZETKA_PASSWORD = 'rz-Secret-Pass-3b9c61';
const SECRETS = [PROM_TOKEN, ROZETKA_PASSWORD, TEST_ENCRYPTION_KEY].flatMap((secret) => [
  secret,
  Buffer.from(secret).toString('base64'),
]);

let bed: TestBed;
let prom: FakeProm;
let rozetka: FakeRozetka;
const log = memoryLogger('trace');

beforeAll(async () => {
  prom = await startFakeProm({ seed: 51, tokens: [PROM_TOKEN] });
  rozetka = await startFakeRozetka({
    seed: 52,
    seller: { username: ROZETKA_LOGIN, password: ROZETKA_PASSWORD },
  });
  bed = await startTestBed(import.meta.filename, {
    env: { PROM_API_URL: prom.url, ROZETKA_API_URL: rozetka.url, LOG_LEVEL: 'trace' },
    logger: log.logger,
    services: { httpOptions: { ...FAST_HTTP, minIntervalMs: 0 } },
  });
  await addManager(bed);
  await greetAdmin(bed);
});

afterAll(async () => {
  await bed?.close();
  await prom?.close();
  await rozetka?.close();
});

const admin = chatDriver(() => bed.telegram, ADMIN);

async function connect(marketplace: RegExp, name: string, answers: [RegExp, string | RegExp][]) {
  await connectThroughChat(admin, marketplace, name, answers);
  return (await bed.app.models.stores.findOne({ name }).lean()) as StoreRecord;
}

const cardIn = (chatId: number, text: string) =>
  bed.telegram.waitFor(
    () => bed.telegram.botMessages(chatId).find((m) => m.text.includes(text) && m.reply_markup),
    8000,
  );

async function everyDocument(): Promise<{ collection: string; json: string }[]> {
  const db = bed.app.connection.db;
  if (!db) throw new Error('no database');
  const names = (await db.listCollections().toArray()).map((c) => c.name);
  const documents = await Promise.all(
    names.map(async (collection) =>
      (await db.collection(collection).find().toArray()).map((doc) => ({
        collection,
        json: JSON.stringify(doc),
      })),
    ),
  );
  return documents.flat();
}

const leaks = (texts: string[]) => texts.filter((text) => SECRETS.some((secret) => text.includes(secret)));

describe('Secrets never leak', () => {
  it('connect, poll, accept and reply leave no token or password in logs, the database or any chat', async () => {
    const promStore = await connect(/Prom/, 'Секретний Prom', [[/API-токен Prom/, PROM_TOKEN]]);
    const rozetkaStore = await connect(/Rozetka/, 'Секретна Rozetka', [
      [/Як бот входитиме в Rozetka/, /Логін і пароль/],
      [/логін продавця Rozetka/, ROZETKA_LOGIN],
      [/пароль від кабінету/, ROZETKA_PASSWORD],
    ]);

    const order = prom.addOrder({ status: 'pending' });
    await bed.app.services.orderSync.pollStore(promStore._id);
    const card = await cardIn(ADMIN.id, String(order.id));
    await admin.tapData(card, buttonData(card, /Прийняти/));
    await bed.telegram.waitFor(() => prom.calls.some((c) => c.path === '/orders/set_status'), 8000);

    rozetka.addOrder();
    await bed.app.services.orderSync.pollStore(rozetkaStore._id);

    const message = prom.addChatMessage({ body: 'Коли відправите?' });
    await bed.app.services.buyerMessages.pollStore(promStore._id);
    const messageCard = await cardIn(ADMIN.id, 'Коли відправите?');
    await admin.tapData(messageCard, buttonData(messageCard, /Відповісти/));
    const prompt = await admin.waitForText(/Відповідь покупцю · /);
    bed.telegram.sendText(ADMIN, 'Сьогодні ввечері.', { replyTo: prompt.message_id });
    const preview = await bed.telegram.waitFor(
      () =>
        bed.telegram
          .botMessages(ADMIN.id)
          .find(
            (m: FakeMessage) =>
              m.message_id > prompt.message_id && /Надіслати/.test(JSON.stringify(m.reply_markup)),
          ),
      8000,
    );
    await admin.tapData(preview, buttonData(preview, /Надіслати/));
    await bed.telegram.waitFor(
      () =>
        [...prom.state.chatMessages.values()].some((m) => m.roomIdent === message.roomIdent && m.isSender),
      8000,
    );

    expect(log.lines.some((line) => /"level":20,.*"msg":"marketplace call"/.test(line))).toBe(true);
    expect(leaks(log.lines)).toEqual([]);

    const documents = await everyDocument();
    expect(documents.some((d) => d.collection === 'stores' && d.json.includes('sealedCredentials'))).toBe(
      true,
    );
    expect(documents.filter((d) => leaks([d.json]).length > 0).map((d) => d.collection)).toEqual([]);

    const telegramOut = [
      ...bed.telegram.calls.map((call) => JSON.stringify(call.payload)),
      ...bed.telegram.callbackAnswers.map((answer) => answer.text ?? ''),
      ...bed.telegram.botMessages(ADMIN.id).map((m) => m.text),
    ];
    expect(leaks(telegramOut)).toEqual([]);
  }, 60_000);
});

const served = (kind: string) => bed.telegram.faults.served[kind] ?? 0;

/** until every card is out, so a fault injected next falls on the send it is meant for */
async function outboxSettled() {
  const deadline = Date.now() + 20_000;
  while ((await bed.app.models.outbox.countDocuments({ pending: true })) > 0) {
    if (Date.now() > deadline) throw new Error('cards were not delivered in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Secrets never leak: Telegram failures while a card is in flight', () => {
  it('a network failure and a 400 on a card, in the sender and in a reply, log no bot token, Prom token or phone', async () => {
    const promStore = await bed.app.services.stores.create({
      name: 'Prom у збої',
      credentials: { marketplace: 'prom', token: PROM_TOKEN },
    });
    const order = prom.addOrder({ status: 'pending' });
    const phone = order.phone;
    const firstLine = log.lines.length;

    // the outbox sender: the card's first send hangs up, the next is refused with 400
    await outboxSettled();
    const [resets, refusals] = [served('reset'), served('http400')];
    bed.telegram.faults.failNext({ kind: 'reset', pathIncludes: 'sendMessage' });
    bed.telegram.faults.failNext({ kind: 'http400', pathIncludes: 'sendMessage' });
    await bed.app.services.orderSync.pollStore(promStore._id);
    await bed.telegram.waitFor(() => served('reset') > resets && served('http400') > refusals, 15_000);
    await outboxSettled();

    // the bot's own reply carrying the buyer's details is refused with 400
    const lookup = await ask(bed.telegram, ADMIN, `/order ${order.id}`, new RegExp(String(order.id)));
    await outboxSettled();
    bed.telegram.faults.failNext({ kind: 'http400', pathIncludes: 'sendMessage' });
    await admin.tapData(lookup, buttonData(lookup, /Деталі/));
    await bed.telegram.waitFor(
      () => log.lines.slice(firstLine).some((line) => line.includes('update failed')),
      8000,
    );

    // the errors grammY builds for both, as every error boundary logs them
    const api = new Api(TEST_BOT_TOKEN, { apiRoot: bed.telegram.url });
    for (const kind of ['reset', 'http400'] as const) {
      await outboxSettled();
      bed.telegram.faults.failNext({ kind, pathIncludes: 'sendMessage' });
      const error = await api.sendMessage(ADMIN.id, `Покупець ${phone}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(kind === 'reset' ? HttpError : GrammyError);
      log.logger.error({ err: error }, 'update failed');
    }

    const lines = log.lines.slice(firstLine);
    expect(lines.some((line) => line.includes('"error_code":400') && line.includes('sendMessage'))).toBe(
      true,
    );
    expect(lines.some((line) => line.includes('Network request for'))).toBe(true);
    const secrets = [TEST_BOT_TOKEN, TEST_BOT_TOKEN.split(':')[1] ?? '', PROM_TOKEN, phone, phone.slice(1)];
    const leaked = lines.filter((line) => secrets.some((secret) => line.includes(secret)));
    tallyBadInputs({
      input: 'Telegram network resets and 400s with a card (buyer phone, bot token in the URL) in flight',
      tried: 5,
      leaked: leaked.length,
      changed: 0,
    });
    expect(leaked).toEqual([]);
  }, 60_000);
});

const ADMIN_COMMANDS = [
  '/stores',
  '/connect',
  '/users',
  '/invite',
  '/routing',
  '/here',
  '/status',
  '/backfill',
  '/products',
];

/** everything a refused command could have touched (background sync bookkeeping aside) */
async function databaseState(): Promise<string> {
  const documents = await everyDocument();
  return JSON.stringify(
    documents
      .filter((d) => !/^(jobs|operation|outbox|notification|agenda|leases)/i.test(d.collection))
      .map(
        (d) =>
          `${d.collection} ${d.json.replace(/"(lastSync\w*|\w*[wW]atermark|updatedAt)":("[^"]*"|null)/g, '')}`,
      )
      .sort(),
  );
}

/** the state once the sender has finished editing the cards of earlier tests: unchanged for a second */
async function settledDatabaseState(): Promise<string> {
  let previous = await databaseState();
  for (let unchanged = 0, tries = 0; unchanged < 4 && tries < 40; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const current = await databaseState();
    unchanged = current === previous ? unchanged + 1 : 0;
    previous = current;
  }
  return previous;
}

describe('Admin commands refuse everyone else', () => {
  beforeAll(settledDatabaseState);

  it.each(
    ADMIN_COMMANDS.flatMap((command) => [
      { command, who: 'a manager', user: MANAGER, refusal: /лише адміністратор/ },
      {
        command,
        who: 'a stranger',
        user: STRANGER,
        refusal: /лише для команди магазину|only for the shop's team/,
      },
    ]),
  )('$command from $who is refused and changes nothing', async ({ command, user, refusal }) => {
    const before = await databaseState();
    await ask(bed.telegram, user, command, refusal);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await databaseState()).toBe(before);
  });
});
