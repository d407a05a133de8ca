import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Whether the current field's selection asks for `name`, directly or in a fragment. */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const has = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) =>
      s.kind === 'Field' ? s.name.value === name : has(s.kind === 'InlineFragment' ? s.selectionSet : info.fragments[s.name.value]?.selectionSet),
    );
  return info.fieldNodes.some((node) => has(node.selectionSet));
}
