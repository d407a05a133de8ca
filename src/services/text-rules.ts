import { badInput } from '../errors';

/**
 * Required free text (names, titles): trimmed, and refused when nothing is left or when only
 * characters that look empty to people remain (control and zero-width characters, which MySQL also
 * compares equal to ''): it must contain a letter or a digit. One rule for the registry, users and
 * the board's activity titles; `argument` names the argument or input field in the error.
 */
export function requiredText(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput(`${argument} must not be empty`, { argument });
  if (!/[\p{L}\p{N}]/u.test(trimmed)) throw badInput(`${argument} must contain a letter or a digit`, { argument });
  return trimmed;
}
