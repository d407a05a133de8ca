import { DomainError } from '../src/errors';
import { DEFAULT_EXPIRY_WINDOW_DAYS, MAX_EXPIRY_WINDOW_DAYS, assertExpiryWindow, isExpiryWindow } from '../src/services/expiry-window';
import { requiredText } from '../src/services/text-rules';

const refusal = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return { code: (error as DomainError).code, message: (error as DomainError).message, details: (error as DomainError).details };
  }
  return null;
};

describe('the expiry window (one rule for expiringAgreements, the report and the RENEW step)', () => {
  it('is 180 days by default and at most 3650, whole days from 0', () => {
    expect([DEFAULT_EXPIRY_WINDOW_DAYS, MAX_EXPIRY_WINDOW_DAYS]).toEqual([180, 3650]);
    expect([0, 1, 180, 3650].map(isExpiryWindow)).toEqual([true, true, true, true]);
    expect([-1, 3651, 1.5, Number.NaN].map(isExpiryWindow)).toEqual([false, false, false, false]);
  });

  it('refuses with BAD_USER_INPUT naming the argument that carried the window', () => {
    expect(refusal(() => assertExpiryWindow(30, 'withinDays'))).toBeNull();
    expect(refusal(() => assertExpiryWindow(4000, 'expiringWithinDays'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'expiringWithinDays must be a whole number of days from 0 to 3650',
      details: { argument: 'expiringWithinDays' },
    });
  });
});

describe('required text (names and titles)', () => {
  it('keeps the text trimmed', () => {
    expect(requiredText('  Kyoto  ', 'name')).toBe('Kyoto');
    expect(requiredText('2030', 'title')).toBe('2030');
  });

  it('refuses blanks, and text of only invisible or control characters, naming the argument', () => {
    expect(refusal(() => requiredText(' \t ', 'name'))).toEqual({ code: 'BAD_USER_INPUT', message: 'name must not be empty', details: { argument: 'name' } });
    expect(refusal(() => requiredText('\u200b\u0001', 'title'))).toEqual({ code: 'BAD_USER_INPUT', message: 'title must contain a letter or a digit', details: { argument: 'title' } });
  });
});
