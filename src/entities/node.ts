import { Extensions, Field, ID, InterfaceType } from 'type-graphql';
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { toGlobalId, type NodeTypeName } from '../global-id';

/** Relay's object identification: every object with an identity is a Node, refetchable by `node(id)`. */
@InterfaceType({ description: 'An object with an identity: refetch it with `node(id)` or `nodes(ids)`' })
export abstract class Node {
  @Field(() => ID, { description: 'The opaque global id of the object; keep it and send it back as it is' })
  id: string;
}

/** Where a global id field finds its local id: the property it is declared on, or `from`. */
interface GlobalIdSpec {
  typeName: NodeTypeName;
  from: string;
  /** For a field whose kind varies by row (the audit trail's record): the property holding the type name. */
  typeFrom?: string;
}
const GLOBAL_ID = 'jalinGlobalId';

/**
 * An `ID` field whose value is the global id of a `typeName` made from a local id the object holds
 * (its own property, or `from`). The object keeps its plain numeric id; the encoding happens in a
 * plain synchronous resolver that `resolveGlobalIds` attaches once the schema is built (a
 * type-graphql field resolver would cost a promise and a middleware chain per field, and graphql's
 * default resolver would hand out the raw property).
 */
export function GlobalIdField(typeName: NodeTypeName, options: { description: string; nullable?: boolean; from?: string; typeFrom?: string }): PropertyDecorator {
  return (target, property) => {
    const spec: GlobalIdSpec = { typeName, from: options.from ?? String(property), typeFrom: options.typeFrom };
    Field(() => ID, { description: options.description, nullable: options.nullable })(target, property);
    Extensions({ [GLOBAL_ID]: spec })(target, property);
  };
}

function encoder({ typeName, from, typeFrom }: GlobalIdSpec): GraphQLFieldResolver<Record<string, unknown>, unknown> {
  return (source) => {
    const local = source[from];
    const type = typeFrom ? (source[typeFrom] as NodeTypeName) : typeName;
    return local === null || local === undefined ? null : toGlobalId(type, local as number | string);
  };
}

/** Gives every field declared with `GlobalIdField` its encoder. Called once on the built schema. */
export function resolveGlobalIds(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const spec = field.extensions?.[GLOBAL_ID] as GlobalIdSpec | undefined;
      if (spec) field.resolve = encoder(spec) as GraphQLFieldResolver<unknown, unknown>;
    }
  }
  return schema;
}

/** Whether a field of the built schema hands out global ids (the schema test checks every ID field is one). */
export function isGlobalIdField(extensions: Record<string, unknown> | undefined | null): boolean {
  return !!extensions?.[GLOBAL_ID];
}
