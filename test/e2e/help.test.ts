import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUser } from '#src/sandbox/fake-telegram/server.js';
import { ADMIN, MANAGER, addManager, startTestBed, type TestBed } from '#test/harness/app.js';

let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed(import.meta.filename);
  await addManager(bed);
});
afterAll(async () => {
  await bed?.close();
});

interface MenuPayload {
  commands: { command: string; description: string }[];
  scope?: { type: string; chat_id?: number };
  language_code?: string;
}

const menus = () =>
  bed.telegram.calls
    .filter((call) => call.method === 'setMyCommands')
    .map((call) => call.payload as unknown as MenuPayload);

/** the latest menu set for this user's private chat */
const chatMenu = (user: FakeUser) => menus().findLast((menu) => menu.scope?.chat_id === user.id);

/** what the user's /help lists: each line that starts with a command */
async function helpCommands(user: FakeUser): Promise<{ commands: string[]; text: string }> {
  const before = bed.telegram.botMessages(user.id).length;
  bed.telegram.sendText(user, '/help');
  const reply = await bed.telegram.waitFor(() => bed.telegram.botMessages(user.id)[before]);
  return { commands: [...reply.text.matchAll(/^\/(\w+) — /gm)].map((m) => m[1] as string), text: reply.text };
}

const commandsOfMenu = (menu: MenuPayload | undefined) => menu?.commands.map((c) => c.command) ?? [];

describe('S5 users and roles — /help and the command menu of each role', () => {
  it("lists in an admin's /help every command of the admin's menu, /report and /products among them", async () => {
    const help = await helpCommands(ADMIN);
    const menu = await bed.telegram.waitFor(() => chatMenu(ADMIN));
    expect(help.commands).toEqual(commandsOfMenu(menu));
    expect(help.commands).toEqual(
      expect.arrayContaining(['report', 'products', 'status', 'invite', 'order']),
    );
    // each line says what the menu says
    for (const { command, description } of menu.commands)
      expect(help.text).toContain(`/${command} — ${description}`);
  });

  it("lists in a manager's /help the commands of the manager's menu and no admin command", async () => {
    const help = await helpCommands(MANAGER);
    const menu = await bed.telegram.waitFor(() => chatMenu(MANAGER));
    expect(help.commands).toEqual(commandsOfMenu(menu));
    expect(help.commands).toContain('report');
    expect(help.commands).not.toContain('products');
    expect(help.commands).not.toContain('users');
    expect(help.text).not.toMatch(/Для адміністраторів/);
  });

  it("gives everyone else the team's menu in each language", () => {
    const general = menus().filter((menu) => !menu.scope);
    expect(general.map((menu) => menu.language_code ?? 'default')).toEqual(['default', 'uk', 'en']);
    const managerMenu = commandsOfMenu(chatMenu(MANAGER));
    for (const menu of general) expect(commandsOfMenu(menu)).toEqual(managerMenu);
  });

  it('gives a manager made admin the admin menu with their next message', async () => {
    await bed.app.models.users.updateOne({ telegramId: MANAGER.id }, { $set: { role: 'admin' } });
    const help = await helpCommands(MANAGER);
    expect(help.commands).toContain('products');
    const menu = await bed.telegram.waitFor(() =>
      commandsOfMenu(chatMenu(MANAGER)).includes('products') ? chatMenu(MANAGER) : null,
    );
    expect(help.commands).toEqual(commandsOfMenu(menu));
  });
});
