/** The shapes that input strings are checked against, one definition each. */

/** An id as this API hands them out: a positive whole number, written in decimal. */
export const ID_PATTERN = /^\d{1,10}$/;

/** A calendar date written YYYY-MM-DD (whether the date exists is the service's check, `isIsoDate`). */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
