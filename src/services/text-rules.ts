import { InputReason, badInput } from '../errors';

/** Whether text shows something to a reader: a letter or a digit, not only spaces, control or zero-width characters. */
export function hasLetterOrDigit(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * Required free text (names, titles): trimmed, and refused when nothing is left or when only
 * characters that look empty to people remain (control and zero-width characters, which MySQL also
 * compares equal to ''): it must contain a letter or a digit. One rule for the registry, users and
 * the board's activity titles; `argument` names the argument or input field in the error.
 */
export function requiredText(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput(`${argument} must not be empty`, { argument, reason: InputReason.REQUIRED });
  if (!hasLetterOrDigit(trimmed)) throw badInput(`${argument} must contain a letter or a digit`, { argument, reason: InputReason.NO_LETTER_OR_DIGIT });
  return trimmed;
}

/**
 * Optional free text as it is stored (notes, document numbers, meeting places): trimmed, null when
 * empty, and refused (never cut) when longer than its column: SQLite would keep it whole while
 * MariaDB refuses the row, so the rule is checked here.
 */
export function boundedText(text: string | null | undefined, argument: string, max: number): string | null {
  const value = text?.trim() ? text.trim() : null;
  if (value !== null && value.length > max) throw badInput(`${argument} is ${value.length} characters long; at most ${max} are kept`, { argument, reason: InputReason.TOO_LONG, max });
  return value;
}
