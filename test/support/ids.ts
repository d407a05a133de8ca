import { decodeGlobalId, toGlobalId, type NodeTypeName } from '../../src/global-id';

/**
 * The global id of an object whose local (database) id a test knows, e.g. `gid('Agreement', 1)`.
 * Prefer ids taken from API responses; this is for fixtures inserted directly and for ids that do not exist.
 */
export const gid = (typeName: NodeTypeName, localId: number | string): string => toGlobalId(typeName, localId);

/** The local id inside a global id, for tests that compare with rows read by SQL. */
export function localId(globalId: string): number {
  const decoded = decodeGlobalId(globalId);
  if (!decoded || typeof decoded.localId !== 'number') throw new Error(`not a numeric global id: ${globalId}`);
  return decoded.localId;
}
