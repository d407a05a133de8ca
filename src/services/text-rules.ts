import { badInput } from '../errors';

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
  if (!trimmed) throw badInput(`${argument} must not be empty`, { argument });
  if (!hasLetterOrDigit(trimmed)) throw badInput(`${argument} must contain a letter or a digit`, { argument });
  return trimmed;
}
