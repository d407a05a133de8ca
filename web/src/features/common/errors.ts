import { CombinedGraphQLErrors } from '@apollo/client/errors';

/**
 * A refused mutation split for a form: the message of each input the server named, and what is
 * left for the form as a whole. The server names the input in one of two ways (src/errors.ts):
 * `extensions.argument` (a rule of a service: note, validityMonths, email, opdId …) or
 * `extensions.fields[]` (class-validator on an input type, the board's activity values).
 * `input.items` style names keep their first part, which is the form's field.
 */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
  code: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null, code: null };

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
    const named = typeof ext.argument === 'string' ? [ext.argument.split('.')[0]] : [];
    const listed = Array.isArray(ext.fields) ? (ext.fields as { field?: string; problems?: string[] }[]) : [];
    let placed = false;
    for (const name of named) {
      if (formFields.includes(name)) {
        fields[name] = e.message;
        placed = true;
      }
    }
    for (const item of listed) {
      if (item.field && formFields.includes(item.field)) {
        fields[item.field] = (item.problems ?? []).join(', ') || e.message;
        placed = true;
      }
    }
    if (!placed) rest.push(e.message);
  }
  return { fields, form: rest.length ? rest.join(' ') : null, code };
}

/**
 * Alert titles in near-black: Mantine's light variant writes them in shade 8 of the alert colour on
 * its pale background, below the 4.5:1 contrast axe-core asks for (red, orange).
 */
export const READABLE_ALERT = { title: { color: 'var(--mantine-color-dark-9)' } } as const;
