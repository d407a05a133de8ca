import { InputReason, badInput } from '../errors';

/** An agreement document's validity in months: MoUs commonly run 3 to 5 years; 20 years is the sane ceiling. */
export const MIN_VALIDITY_MONTHS = 1;
export const MAX_VALIDITY_MONTHS = 240;

/** The one check of a validity in months, for the registry and the workflow alike. */
export function assertValidityMonths(months: number): void {
  if (!Number.isInteger(months) || months < MIN_VALIDITY_MONTHS || months > MAX_VALIDITY_MONTHS) {
    throw badInput(`validityMonths must be a whole number of months from ${MIN_VALIDITY_MONTHS} to ${MAX_VALIDITY_MONTHS}`, {
      argument: 'validityMonths',
      reason: InputReason.OUT_OF_RANGE,
      min: MIN_VALIDITY_MONTHS,
      max: MAX_VALIDITY_MONTHS,
    });
  }
}
