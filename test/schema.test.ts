import fs from 'node:fs';
import { renderSchema, SCHEMA_FILE } from '../src/scripts/print-schema';
import { getMetadataStorage } from 'type-graphql';
import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { createSchema } from '../src/schema';
import { isGlobalIdField } from '../src/entities/node';

describe('schema.graphql', () => {
  it('is the schema that type-graphql generates from the code (run `npm run schema:print` when this fails)', async () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(await renderSchema());
  });
});

describe('object types with simple resolvers', () => {
  it('have no field-level @Authorized or middleware, which type-graphql would silently skip on them', async () => {
    await renderSchema(); // loads every entity and resolver class
    const storage = getMetadataStorage();
    const simple = storage.objectTypes.filter((type) => type.simpleResolvers).map((type) => type.target);
    expect(simple.map((target) => target.name).sort()).toEqual(['Agreement', 'Board', 'BoardEvent', 'Country', 'DraftActivity', 'Opd', 'PartnerCity']);
    const guarded = [...storage.authorizedFields, ...storage.middlewares].filter((meta) => simple.includes(meta.target));
    expect(guarded.map((meta) => `${meta.target.name}.${meta.fieldName}`)).toEqual([]);
  });
});

describe('ids in the schema', () => {
  it('every ID field of an object type hands out global ids, and every object with an id is a Node', async () => {
    const schema = await createSchema(createPubSub());
    const raw: string[] = [];
    const notNodes: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === 'ID' && !isGlobalIdField(field.extensions)) raw.push(`${type.name}.${field.name}`);
      }
      if (type.getFields().id && !type.getInterfaces().some((i) => i.name === 'Node')) notNodes.push(type.name);
    }
    expect(raw).toEqual([]);
    expect(notNodes).toEqual([]);
  });

  it('encodes ids with a plain synchronous resolver, also on the simple-resolver types (no promise per field)', async () => {
    const schema = await createSchema(createPubSub());
    const field = (type: string, name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name];
    const info = {} as GraphQLResolveInfo;
    expect(field('DraftActivity', 'id').resolve!({ id: 12 }, {}, {}, info)).toBe(Buffer.from('DraftActivity:12').toString('base64'));
    expect(field('Country', 'id').resolve!({ code: 'AU' }, {}, {}, info)).toBe(Buffer.from('Country:AU').toString('base64'));
    expect(field('Board', 'id').resolve!({ agreementId: 3 }, {}, {}, info)).toBe(Buffer.from('Board:3').toString('base64'));
    expect(field('BoardEvent', 'activityId').resolve!({ activityId: null }, {}, {}, info)).toBeNull();
  });
});
