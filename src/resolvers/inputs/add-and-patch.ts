import { IsOptional } from 'class-validator';

/*
 * An object's add input and its patch input share their fields: each field is declared once, in a
 * function that makes both variants (type-graphql's mixin classes), with the same validation. In
 * the add variant a field is required (unless it is optional anyway); in the patch variant every
 * field may be left out, and a left-out field stays as it is.
 */

export type Variant = 'add' | 'patch';

/** Marks a field the patch variant may leave out (class-validator skips its other checks then). */
export const optionalIn =
  (variant: Variant): PropertyDecorator =>
  (target, key) => {
    if (variant === 'patch') IsOptional()(target, key);
  };

/**
 * The name of a variant's fields class: type-graphql gives an input the fields of a superclass that
 * is registered as an input type itself. No argument has that type, so the schema never shows it.
 */
export const fieldsTypeName = (object: string, variant: Variant) => `${object}${variant === 'add' ? 'Add' : 'Patch'}Fields`;

/** A field's description in each variant: what the value is when added, and what giving it does to a patch. */
export const describedAs = (variant: Variant, add: string, patch: string) => (variant === 'add' ? add : patch);

/** The patch variant's type: the add variant's fields, each of which may be left out. */
export type PatchOf<T> = abstract new () => Partial<T>;
