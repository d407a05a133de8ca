import { InputReason, badInput } from '../errors';

/**
 * The expiry window: how many days ahead an MoU in force counts as "expiring". One definition for
 * `expiringAgreements(withinDays)`, the report's `expiringWithinDays` (GraphQL and the CSV/XLSX
 * query string) and the workflow's RENEW step.
 */
export const DEFAULT_EXPIRY_WINDOW_DAYS = 180;
/** Ten years: longer than any MoU's validity, so no longer window can mean anything. */
export const MAX_EXPIRY_WINDOW_DAYS = 3650;

export const EXPIRY_WINDOW_RANGE = `from 0 to ${MAX_EXPIRY_WINDOW_DAYS}`;

export function isExpiryWindow(days: number): boolean {
  return Number.isInteger(days) && days >= 0 && days <= MAX_EXPIRY_WINDOW_DAYS;
}

/** The refusal of a window outside 0–3650 whole days, naming the argument (or query parameter) that carried it. */
export function expiryWindowRefusal(argument: string) {
  return badInput(`${argument} must be a whole number of days ${EXPIRY_WINDOW_RANGE}`, { argument, reason: InputReason.OUT_OF_RANGE, min: 0, max: MAX_EXPIRY_WINDOW_DAYS });
}

export function assertExpiryWindow(days: number, argument: string): void {
  if (!isExpiryWindow(days)) throw expiryWindowRefusal(argument);
}
