import 'reflect-metadata';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLSchema,
} from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { createSchema } from '../src/schema';

const described = (description: string | null | undefined) => typeof description === 'string' && description.trim().length > 0;

/**
 * Every element of the schema a client can see, by its coordinate (Type, Type.field,
 * Type.field(arg:), Input.field, Enum.VALUE, @directive), that has no description. GraphQL's own
 * scalars, directives and introspection types are graphql-js's to describe, not ours.
 */
export function undescribedElements(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!described(description)) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    } else if (isUnionType(type)) {
      // A union has no members of its own to describe; its name is checked above.
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    check(`@${directive.name}`, directive.description);
    for (const arg of directive.args) check(`@${directive.name}(${arg.name}:)`, arg.description);
  }
  return missing.sort();
}

describe('schema documentation', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema(createPubSub());
  });

  it('describes every type, field, argument, input field and enum value a client sees', () => {
    expect(undescribedElements(schema)).toEqual([]);
  });

  it('notices an element without a description (the check itself can fail)', () => {
    const type = schema.getType('Agreement');
    if (!isObjectType(type)) throw new Error('Agreement is an object type');
    const field = type.getFields().title;
    const kept = field.description;
    field.description = '  ';
    try {
      expect(undescribedElements(schema)).toContain('Agreement.title');
    } finally {
      field.description = kept;
    }
  });
});
