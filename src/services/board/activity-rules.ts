import type { EditableActivityField } from '../../entities';
import { InputReason, type ProblemReason, badInput } from '../../errors';
import { hasLetterOrDigit } from '../text-rules';

/*
 * The rules for the values of a draft activity, checked once, here: the board's mutations take their
 * input without class-validator (it ran on every change, and the service checked the title again).
 * A refusal has the shape of every other input refusal (errors.ts: `extensions.fields`, one
 * `{ field, problems }` per field), naming every broken rule at once.
 */

export const TITLE_MAX = 300;
export const TEXT_MAX = 5000;
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
export const BUDGET_MAX = 1e15;

type Values = Partial<Record<EditableActivityField, unknown>>;

/** A broken rule: its words (`problems[]`) and its reason with the rule's parameters (`reasons[]`). */
interface Problem {
  text: string;
  reason: ProblemReason;
}

const problem = (text: string, reason: InputReason, parameters: Record<string, unknown> = {}): Problem => ({ text, reason: { reason, ...parameters } });

function problemsOf(field: EditableActivityField, value: unknown): Problem[] {
  if (value === null || value === undefined) return [];
  switch (field) {
    case 'title': {
      const text = value as string;
      if (text.length > TITLE_MAX) return [problem(`title must be at most ${TITLE_MAX} characters`, InputReason.TOO_LONG, { max: TITLE_MAX })];
      if (!text.trim()) return [problem('title may not be blank', InputReason.REQUIRED)];
      // Characters that only look empty (control, zero-width; MySQL compares them equal to ''): the rule of requiredText.
      if (!hasLetterOrDigit(text)) return [problem('title must contain a letter or a digit', InputReason.NO_LETTER_OR_DIGIT)];
      return [];
    }
    case 'scope':
    case 'benefit':
    case 'output':
      return (value as string).length > TEXT_MAX ? [problem(`${field} must be at most ${TEXT_MAX} characters`, InputReason.TOO_LONG, { max: TEXT_MAX })] : [];
    case 'year': {
      const year = value as number;
      return year < YEAR_MIN || year > YEAR_MAX ? [problem(`year must be from ${YEAR_MIN} to ${YEAR_MAX}`, InputReason.OUT_OF_RANGE, { min: YEAR_MIN, max: YEAR_MAX })] : [];
    }
    case 'budgetEstimate': {
      const budget = value as number;
      const problems = Number.isInteger(budget) ? [] : [problem('budgetEstimate must be whole Rupiah', InputReason.NOT_WHOLE_NUMBER)];
      if (budget < 0 || budget > BUDGET_MAX) problems.push(problem(`budgetEstimate must be from 0 to ${BUDGET_MAX}`, InputReason.OUT_OF_RANGE, { min: 0, max: BUDGET_MAX }));
      return problems;
    }
    default:
      // Enums (fundingSource, decision): GraphQL itself refuses a value outside them.
      return [];
  }
}

/** Refuses values that break a rule (BAD_USER_INPUT naming each field and its problems); fields left out are not checked. */
export function assertActivityValues(values: Values): void {
  const fields = (Object.keys(values) as EditableActivityField[])
    .map((field) => ({ field, broken: problemsOf(field, values[field]) }))
    .filter((entry) => entry.broken.length > 0)
    .map(({ field, broken }) => ({ field, problems: broken.map((p) => p.text), reasons: broken.map((p) => p.reason) }));
  if (fields.length) {
    throw badInput(`Invalid input: ${fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ')}`, { reason: InputReason.INVALID_FIELDS, fields });
  }
}
