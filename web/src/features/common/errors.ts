import { CombinedGraphQLErrors } from '@apollo/client/errors';
import i18n from '../../i18n';
import { missingRequirementText } from '../agreement/NextSteps';
import { formatDate } from './format';

/**
 * A refusal as the server sends it (src/errors.ts): the stable `code`, for BAD_USER_INPUT the
 * `reason` (InputReason) with the rule's parameters (`max`, `min`, `after`, `format`, `unknown` …),
 * the `argument` or field it names, and the server's English message, which is what is shown for a
 * reason this client does not word.
 */
export interface Refusal {
  code?: string | null;
  reason?: string | null;
  params?: Record<string, unknown>;
  argument?: string | null;
  message: string;
}

/** The parameters a reason's wording needs: without them, the server's message is shown instead. */
const NEEDED: Record<string, readonly string[]> = { TOO_LONG: ['max'], TOO_SHORT: ['min'], TOO_MANY: ['max'], TOO_FEW: ['min'], OUT_OF_RANGE: ['min', 'max'] };
/** Parameters that some reasons are worded with when they are there (the `_<param>` variant of the key). */
const OPTIONAL: Record<string, string> = { DATE_ORDER: 'after', UNKNOWN_COUNTRY: 'unknown', WRONG_FORMAT: 'format' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function shownParameter(name: string, value: unknown): string {
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (typeof value === 'string' && ISO_DATE.test(value)) return formatDate(value);
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (name === 'format' && typeof value === 'string') return i18n.t(`refusal.format.${value}`, { defaultValue: value });
  return String(value);
}

/** The form's name for an argument (`note`, `input.title`, `items[2]`), in the page's language, if this client knows one. */
function fieldLabel(argument: string | null | undefined): string | null {
  if (!argument) return null;
  const parts = argument.replace(/\[\d+\]/g, '').split('.').reverse();
  const known = parts.find((part) => i18n.exists(`refusal.field.${part}`));
  return known ? i18n.t(`refusal.field.${known}`) : null;
}

/**
 * A refusal worded in the page's language (Indonesian first): from its code, reason and
 * parameters, naming the field where this client knows its name ("Catatan paling banyak 1.000
 * karakter."); the server's message for a reason (or a code) it has no words for. One place for
 * every form, the board's messages and any panel that shows a refusal.
 */
export function wordRefusal({ code, reason, params = {}, argument, message }: Refusal): string {
  if (code !== 'BAD_USER_INPUT' || !reason || !i18n.exists(`refusal.reason.${reason}`)) return message;
  if ((NEEDED[reason] ?? []).some((name) => params[name] === undefined || params[name] === null)) return message;
  const label = fieldLabel(argument);
  const optional = OPTIONAL[reason];
  const context = [label ? 'field' : null, optional && params[optional] !== undefined ? optional : null].filter(Boolean).join('_');
  const values = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, shownParameter(name, value)]));
  return i18n.t(`refusal.reason.${reason}`, { ...values, field: label, context: context || undefined });
}

interface FieldItem {
  field?: string;
  problems?: string[];
  reasons?: ({ reason?: string } & Record<string, unknown>)[];
}

/** Each problem of one `fields[]` item worded (its reasons beside its problems, in the same order). */
function wordedProblems(item: FieldItem, fallback: string): string {
  const problems = item.problems ?? [];
  if (!problems.length) return fallback;
  return problems
    .map((problem, i) => {
      const { reason, ...params } = item.reasons?.[i] ?? {};
      return wordRefusal({ code: 'BAD_USER_INPUT', reason, params, argument: item.field, message: problem });
    })
    .join(' ');
}

/**
 * A step refused for unmet requirements (INVALID_TRANSITION with `missing`: the checklist items still
 * open), worded from their codes as the agreement's checklist words them; null (the server's message
 * is shown) when an item's code is one this client cannot word.
 */
function wordMissingRequirements(to: unknown, missing: unknown): string | null {
  if (!Array.isArray(missing) || !missing.length || typeof to !== 'string') return null;
  const items = missing.map((item: { key?: unknown; code?: unknown }) => (typeof item?.key === 'string' && typeof item.code === 'string' ? missingRequirementText({ key: item.key, code: item.code }, i18n.t) : null));
  if (items.some((item) => item === null)) return null;
  return i18n.t('refusal.transition.missing', { status: i18n.t(`status.${to}`, { defaultValue: to }), items: items.join('; ') });
}

/** One GraphQL error worded: each field it lists, or the refusal as a whole. */
function wordError(error: { message: string; extensions?: Record<string, unknown> }): string {
  const { code, reason, argument, fields, ...params } = error.extensions ?? {};
  if (Array.isArray(fields) && fields.length && typeof fields[0] === 'object') return (fields as FieldItem[]).map((item) => wordedProblems(item, error.message)).join(' ');
  if (code === 'INVALID_TRANSITION') return wordMissingRequirements(params.to, params.missing) ?? error.message;
  return wordRefusal({ code: code as string, reason: reason as string, params, argument: argument as string, message: error.message });
}

/** What a failed request says to a person, in the page's language: every GraphQL error worded, or the error's own message. */
export function describeRefusal(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => wordError(e as { message: string; extensions?: Record<string, unknown> })).join(' ');
  return error instanceof Error ? error.message : String(error);
}

/** A refused mutation as a form shows it: each named field's message, the rest for the form as a whole, and the code. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
  code: string | null;
}

/** The form field an argument belongs to: `agenda[3]` → `agenda`, `input.title` → `input`, `note` → `note`. */
function formFieldOf(argument: string): string {
  return argument.split(/[.[]/)[0];
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null, code: null };

/**
 * A refused mutation split for a form: the message of each input the server named, and what is
 * left for the form as a whole, each worded in the page's language (wordRefusal). The server names
 * the input in one of two ways (src/errors.ts): `extensions.argument` (a rule of a service: note,
 * validityMonths, email, opdId …) or `extensions.fields[]` (class-validator on an input type, the
 * board's activity values). A name's first part is the form's field: `input.items` and `agenda[3]`
 * (one line of a list) both belong to the field before the first `.` or `[` (formFieldOf).
 */
export function formErrors(error: unknown, formFields: readonly string[]): FormErrors {
  if (!CombinedGraphQLErrors.is(error)) {
    return { fields: {}, form: error instanceof Error ? error.message : String(error), code: null };
  }
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  let code: string | null = null;
  for (const e of error.errors) {
    const ext = (e.extensions ?? {}) as Record<string, unknown>;
    code ??= typeof ext.code === 'string' ? ext.code : null;
    const named = typeof ext.argument === 'string' ? [formFieldOf(ext.argument)] : [];
    const listed = Array.isArray(ext.fields) ? (ext.fields as FieldItem[]) : [];
    let placed = false;
    for (const name of named) {
      if (formFields.includes(name)) {
        fields[name] = wordError(e as { message: string; extensions?: Record<string, unknown> });
        placed = true;
      }
    }
    for (const item of listed) {
      if (item.field && formFields.includes(item.field)) {
        fields[item.field] = wordedProblems(item, e.message);
        placed = true;
      }
    }
    if (!placed) rest.push(wordError(e as { message: string; extensions?: Record<string, unknown> }));
  }
  return { fields, form: rest.length ? rest.join(' ') : null, code };
}

/**
 * Alert titles in near-black: Mantine's light variant writes them in shade 8 of the alert colour on
 * its pale background, below the 4.5:1 contrast axe-core asks for (red, orange).
 */
export const READABLE_ALERT = { title: { color: 'var(--mantine-color-dark-9)' } } as const;
