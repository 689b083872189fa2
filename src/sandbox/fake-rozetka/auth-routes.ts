import type { FakeHandler, FakeRequest, FakeResponse, FakeRouter } from '#src/sandbox/http-server.js';
import { ERRORS, bodyFields, fail, ok } from '#src/sandbox/fake-rozetka/responses.js';
import type { FakeRozetkaState } from '#src/sandbox/fake-rozetka/state.js';
import type { FakePermission } from '#src/sandbox/fake-rozetka/types.js';
import type { FakeSeller } from '#src/sandbox/fake-rozetka/types.js';

function bearerOf(request: FakeRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim() ?? null;
}

/** An expired or unknown token, answered the way the current setting says (spec §2). */
function tokenRejected(state: FakeRozetkaState): FakeResponse {
  switch (state.settings.tokenErrorMode) {
    case 'code6001':
      return fail(state.settings, { code: 6001, message: 'session_expired' });
    case 'code1018':
      return fail(state.settings, { code: 1018, message: 'incorrect_enter_token' });
    case 'http401':
      return fail(state.settings, { code: 1020, message: 'incorrect_access_token' }, 401);
    default:
      return fail(state.settings, { code: 1020, message: 'incorrect_access_token' });
  }
}

export type AuthedHandler = (
  request: FakeRequest,
  seller: FakeSeller,
) => FakeResponse | Promise<FakeResponse>;

/** A call with a live token whose role has `permission` (when the section needs one). */
export function authed(
  state: FakeRozetkaState,
  handler: AuthedHandler,
  permission: FakePermission | null = null,
): FakeHandler {
  return (request) => {
    const token = bearerOf(request);
    const record = token === null ? undefined : state.tokens.get(token);
    if (!record || record.expired) return tokenRejected(state);
    if (permission && !record.permissions.includes(permission)) {
      return fail(state.settings, ERRORS.accessDenied(permission));
    }
    return handler(request, record.seller);
  };
}

function field(body: unknown, name: string): string | null {
  const value = bodyFields(body)[name];
  return typeof value === 'string' ? value : null;
}

function decodeBase64(text: string): string | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  return Buffer.from(text, 'base64').toString('utf8');
}

export function registerAuthRoutes(router: FakeRouter, state: FakeRozetkaState): void {
  router.on('POST', '/sites', (request) => {
    const username = field(request.body, 'username');
    const password = field(request.body, 'password');
    if (!username || !password) {
      return fail(state.settings, {
        code: 1001,
        message: 'required_parameter',
        details: [username ? 'password' : 'username'],
      });
    }
    const seller = state.sellers.get(username);
    if (!seller || decodeBase64(password) !== seller.password) {
      state.failedLogins++;
      return fail(
        state.settings,
        state.settings.loginErrorStyle === 'misspelled'
          ? { code: 'incorrect_username_pasword', message: 'incorrect_username_pasword' }
          : { code: 1004, message: 'incorrect_username_password' },
      );
    }
    state.logins++;
    return ok({
      id: seller.managerId,
      access_token: state.issueToken(seller),
      permissions: seller.permissions,
      roles: ['default_owner'],
      seller: {
        fio: seller.fio,
        email: `${seller.username}`,
        first_phone: { id: 1, phone_number: '380441234567', confirmed: true },
        wizard: null,
      },
      market: {
        id: 77,
        logo: null,
        business_model: 'marketplace',
        title: state.marketTitle,
        title_translit: 'demo-shop',
        market_url: 'https://rozetka.com.ua/seller/demo-shop/',
        war_block: false,
        status: '6',
        status_label: 'Активний',
      },
      raising: null,
      needInterview: false,
      lang: 'uk',
    });
  });

  router.on(
    'POST',
    '/sites/logout',
    authed(state, (request) => {
      const token = bearerOf(request);
      if (token) state.tokens.delete(token);
      return ok({ logout: true });
    }),
  );
}
