import { describe, expect, it } from 'vitest';
import {
  isLoginError,
  isTokenError,
  normaliseErrors,
  readEnvelope,
  refusalError,
} from '#src/marketplaces/rozetka/envelope.js';
import { envelopeSchema, loginContentSchema } from '#src/marketplaces/rozetka/schemas.js';

describe('Rozetka envelope and error normalisation', () => {
  it('reads `errors` given as one object (third-party reading)', () => {
    expect(normaliseErrors({ message: 'incorrect_access_token', code: 1020, details: null })).toEqual([
      { code: '1020', message: 'incorrect_access_token', description: null, details: null },
    ]);
  });

  it('reads `errors` given as an array (apidoc reading)', () => {
    const errors = normaliseErrors([
      { message: 'required_parameter', code: 1001, details: ['ttn'] },
      { message: 'check_correctness_of_data', code: '1005', description: 'bad status' },
    ]);
    expect(errors).toEqual([
      { code: '1001', message: 'required_parameter', description: null, details: ['ttn'] },
      { code: '1005', message: 'check_correctness_of_data', description: 'bad status', details: null },
    ]);
  });

  it('reads mass-update errors keyed by item id and bare strings', () => {
    const keyed = normaliseErrors({ '400123456': { reason: [{ id: 1, value: ['price'] }] } });
    expect(keyed).toHaveLength(1);
    expect(keyed[0]?.description).toBe('400123456: {"reason":[{"id":1,"value":["price"]}]}');
    expect(normaliseErrors('access_denied')).toEqual([
      { code: null, message: 'access_denied', description: null, details: null },
    ]);
    expect(normaliseErrors(undefined)[0]?.message).toBe('unknown_error');
  });

  it.each([
    [{ code: 1020, message: 'incorrect_username_pasword' }],
    [[{ code: 6001, message: 'session_expired' }]],
    [{ code: 0, message: 'incorrect_access_token' }],
    [{ message: 'Error: incorrect_access_token for this request' }],
  ])('treats %j as an expired token', (errors) => {
    expect(isTokenError(normaliseErrors(errors))).toBe(true);
  });

  it('does not take an ordinary refusal for a token problem', () => {
    expect(isTokenError(normaliseErrors({ code: 1005, message: 'check_correctness_of_data' }))).toBe(false);
  });

  it.each([
    [{ code: 1004, message: 'incorrect_username_password' }],
    [{ code: 'incorrect_username_pasword', message: 'incorrect_username_pasword' }],
  ])('recognises a wrong login in either spelling: %j', (errors) => {
    expect(isLoginError(normaliseErrors(errors))).toBe(true);
  });

  it('turns success:false into a plain refusal with the code in the detail', () => {
    const error = refusalError(
      normaliseErrors({
        code: 1005,
        message: 'check_correctness_of_data',
        description: 'Статус недоступний',
      }),
      'move order 5 to "Замовлення виконано" (6)',
    );
    expect(error.kind).toBe('refused');
    expect(error.message).toBe(
      'Rozetka refused to move order 5 to "Замовлення виконано" (6): Rozetka found the data incorrect (Статус недоступний)',
    );
    expect(error.detail).toBe('1005 check_correctness_of_data: Статус недоступний');
  });

  it.each([
    ['1019', 'not_found'],
    ['5503', 'unavailable'],
    ['1010', 'auth'],
    ['1018', 'auth'],
    [null, 'refused'],
  ])('classifies code %s as %s', (code, kind) => {
    expect(refusalError([{ code, message: 'x', description: null, details: null }], 'do it').kind).toBe(kind);
  });

  it('checks `success`, not the HTTP status, and coerces 0/1', () => {
    const envelope = envelopeSchema.parse({ success: 0, errors: { code: 1010, message: 'access_denied' } });
    const result = readEnvelope(envelope, loginContentSchema, 'log in');
    expect(result).toEqual({
      ok: false,
      errors: [{ code: '1010', message: 'access_denied', description: null, details: null }],
    });
    const good = readEnvelope(
      envelopeSchema.parse({ success: 1, content: { access_token: 'abc' } }),
      loginContentSchema,
      'log in',
    );
    expect(good).toMatchObject({ ok: true, content: { access_token: 'abc' } });
  });

  it('calls content of the wrong shape a bad response', () => {
    const envelope = envelopeSchema.parse({ success: true, content: { token: 'abc' } });
    expect(() => readEnvelope(envelope, loginContentSchema, 'log in')).toThrow(
      expect.objectContaining({ kind: 'bad_response', detail: expect.stringContaining('access_token') }),
    );
  });
});
