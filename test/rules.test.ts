import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../src/errors';
import { DEFAULT_EXPIRY_WINDOW_DAYS, MAX_EXPIRY_WINDOW_DAYS, assertExpiryWindow, isExpiryWindow } from '../src/services/expiry-window';
import { requiredText } from '../src/services/text-rules';
import { assertActivityValues } from '../src/services/board/activity-rules';

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

describe("a draft activity's values (checked once, by the board service)", () => {
  it('passes values within the rules and ignores fields left out or cleared', () => {
    expect(refusal(() => assertActivityValues({ title: 'Pertukaran budaya', scope: 'x'.repeat(5000), year: 2100, budgetEstimate: 1e15 }))).toBeNull();
    expect(refusal(() => assertActivityValues({ year: null, budgetEstimate: undefined }))).toBeNull();
  });

  it('names every broken rule of every field at once, as extensions.fields', () => {
    expect(refusal(() => assertActivityValues({ title: '\u200b', benefit: 'x'.repeat(5001), year: 1999, budgetEstimate: -0.5 }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Invalid input: title: title must contain a letter or a digit; benefit: benefit must be at most 5000 characters; year: year must be from 2000 to 2100; budgetEstimate: budgetEstimate must be whole Rupiah, budgetEstimate must be from 0 to 1000000000000000',
      details: {
        fields: [
          { field: 'title', problems: ['title must contain a letter or a digit'] },
          { field: 'benefit', problems: ['benefit must be at most 5000 characters'] },
          { field: 'year', problems: ['year must be from 2000 to 2100'] },
          { field: 'budgetEstimate', problems: ['budgetEstimate must be whole Rupiah', 'budgetEstimate must be from 0 to 1000000000000000'] },
        ],
      },
    });
    expect(refusal(() => assertActivityValues({ title: '   ' }))?.details).toEqual({ fields: [{ field: 'title', problems: ['title may not be blank'] }] });
    expect(refusal(() => assertActivityValues({ title: 'x'.repeat(301) }))?.details).toEqual({ fields: [{ field: 'title', problems: ['title must be at most 300 characters'] }] });
  });
});

describe('the error detail key (one name for the input at fault)', () => {
  it('every refusal a service raises names its input as `argument`, never `field`', () => {
    const src = path.join(__dirname, '..', 'src');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        // A DomainError's details object whose key is `field:` (`fields: [{ field, problems }]` is the list form, and fine).
        else if (entry.name.endsWith('.ts') && /(badInput|DomainError)\((?:(?!badInput\(|DomainError\().){0,400}?\{\s*field:/s.test(fs.readFileSync(full, 'utf8'))) offenders.push(path.relative(src, full));
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
