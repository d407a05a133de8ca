import fs from 'node:fs';
import path from 'node:path';
import { validate } from 'class-validator';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { DomainError, InputReason, badInput, formatError } from '../src/errors';
import { parseGlobalId, toGlobalId } from '../src/global-id';
import { DocumentInput } from '../src/resolvers/inputs/workflow.input';
import { assertValidityMonths } from '../src/services/validity';
import { checkWellFormedText } from '../src/well-formed-text';
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
      details: { argument: 'expiringWithinDays', reason: 'OUT_OF_RANGE', min: 0, max: 3650 },
    });
  });
});

describe('required text (names and titles)', () => {
  it('keeps the text trimmed', () => {
    expect(requiredText('  Kyoto  ', 'name')).toBe('Kyoto');
    expect(requiredText('2030', 'title')).toBe('2030');
  });

  it('refuses blanks, and text of only invisible or control characters, naming the argument', () => {
    expect(refusal(() => requiredText(' \t ', 'name'))).toEqual({ code: 'BAD_USER_INPUT', message: 'name must not be empty', details: { argument: 'name', reason: 'REQUIRED' } });
    expect(refusal(() => requiredText('\u200b\u0001', 'title'))).toEqual({ code: 'BAD_USER_INPUT', message: 'title must contain a letter or a digit', details: { argument: 'title', reason: 'NO_LETTER_OR_DIGIT' } });
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
        reason: 'INVALID_FIELDS',
        fields: [
          { field: 'title', problems: ['title must contain a letter or a digit'], reasons: [{ reason: 'NO_LETTER_OR_DIGIT' }] },
          { field: 'benefit', problems: ['benefit must be at most 5000 characters'], reasons: [{ reason: 'TOO_LONG', max: 5000 }] },
          { field: 'year', problems: ['year must be from 2000 to 2100'], reasons: [{ reason: 'OUT_OF_RANGE', min: 2000, max: 2100 }] },
          {
            field: 'budgetEstimate',
            problems: ['budgetEstimate must be whole Rupiah', 'budgetEstimate must be from 0 to 1000000000000000'],
            reasons: [{ reason: 'NOT_WHOLE_NUMBER' }, { reason: 'OUT_OF_RANGE', min: 0, max: 1e15 }],
          },
        ],
      },
    });
    expect(refusal(() => assertActivityValues({ title: '   ' }))?.details).toEqual({
      reason: 'INVALID_FIELDS',
      fields: [{ field: 'title', problems: ['title may not be blank'], reasons: [{ reason: 'REQUIRED' }] }],
    });
    expect(refusal(() => assertActivityValues({ title: 'x'.repeat(301) }))?.details).toEqual({
      reason: 'INVALID_FIELDS',
      fields: [{ field: 'title', problems: ['title must be at most 300 characters'], reasons: [{ reason: 'TOO_LONG', max: 300 }] }],
    });
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

describe('the reason of an input refusal (extensions.reason, which the web client words in Indonesian)', () => {
  const REASONS = new Set<string>(Object.values(InputReason));

  // The type of badInput's details takes only InputReason values; this holds the default and the central rules' reasons.
  it('every badInput carries a reason from the enum: INVALID when its rule names none, and the rule\'s own otherwise', () => {
    expect(badInput('x').details).toEqual({ reason: 'INVALID' });
    expect(badInput('x', { argument: 'note', reason: InputReason.TOO_LONG, max: 1000 }).details).toEqual({ argument: 'note', reason: 'TOO_LONG', max: 1000 });
    expect(refusal(() => assertValidityMonths(241))?.details).toEqual({ argument: 'validityMonths', reason: 'OUT_OF_RANGE', min: 1, max: 240 });
    expect(refusal(() => parseGlobalId('12', 'Agreement', 'id'))?.details).toEqual({ argument: 'id', reason: 'NOT_AN_ID', expectedType: 'Agreement' });
    expect(refusal(() => parseGlobalId(toGlobalId('Opd', 3), 'Agreement', 'id'))?.details).toEqual({ argument: 'id', reason: 'WRONG_ID_TYPE', expectedType: 'Agreement', actualType: 'Opd' });
  });

  it('class-validator refusals give each problem of fields[] its reason and the decorator\'s parameters, in the order of problems', async () => {
    const input = Object.assign(new DocumentInput(), { number: 'n'.repeat(101), validityMonths: 0, note: 'x'.repeat(1001) });
    const error = new ArgumentValidationError(await validate(input));
    const formatted = formatError(new GraphQLError(error.message).toJSON(), error);
    expect(formatted.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_FIELDS',
      fields: [
        { field: 'number', problems: ['number must be shorter than or equal to 100 characters'], reasons: [{ reason: 'TOO_LONG', max: 100 }] },
        { field: 'validityMonths', problems: ['validityMonths must not be less than 1'], reasons: [{ reason: 'OUT_OF_RANGE', min: 1, max: 240 }] },
        { field: 'note', problems: ['note must be shorter than or equal to 1000 characters'], reasons: [{ reason: 'TOO_LONG', max: 1000 }] },
      ],
    });
  });

  it('the refusals made outside a service carry one too: a variable of the wrong type, a bad date, half a character', () => {
    const wrongType = formatError({ message: 'Variable "$n" got invalid value "x"', extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError('x'));
    expect(wrongType.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'WRONG_TYPE' });
    const text = checkWellFormedText({ title: 'a\uD800' })!;
    expect(text.extensions).toMatchObject({ reason: 'INVALID_FIELDS', fields: [{ field: 'title', reasons: [{ reason: 'NOT_WELL_FORMED_TEXT' }] }] });
    for (const reason of [wrongType.extensions?.reason, text.extensions.reason]) expect(REASONS.has(String(reason))).toBe(true);
  });
});
