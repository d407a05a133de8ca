/** The shapes that input strings are checked against, one definition each. */

/** A calendar date written YYYY-MM-DD (whether the date exists is the service's check, `isIsoDate`). */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
