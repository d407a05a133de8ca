/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query BoardPage($agreementId: ID!) {\n    agreement(id: $agreementId) {\n      id\n      title\n      status\n      partnerCity {\n        id\n        name\n        country {\n          code\n          name\n        }\n      }\n    }\n    opds {\n      id\n      code\n      name\n    }\n  }\n": typeof types.BoardPageDocument,
    "\n  query Board($agreementId: ID!) {\n    board(agreementId: $agreementId) {\n      id\n      seq\n      activities {\n        ...BoardActivity\n      }\n    }\n  }\n": typeof types.BoardDocument,
    "\n  query BoardSeq($agreementId: ID!) {\n    board(agreementId: $agreementId) {\n      id\n      seq\n    }\n  }\n": typeof types.BoardSeqDocument,
    "\n  fragment BoardActivity on DraftActivity {\n    id\n    title\n    scope\n    benefit\n    output\n    decision\n    position\n    version\n    removedAt\n    opd {\n      id\n      code\n      name\n    }\n  }\n": typeof types.BoardActivityFragmentDoc,
    "\n  subscription BoardEvents($agreementId: ID!, $afterSeq: Int) {\n    boardEvents(agreementId: $agreementId, afterSeq: $afterSeq) {\n      seq\n      kind\n      activityId\n      changedFields\n      actor {\n        id\n        name\n      }\n      activity {\n        ...BoardActivity\n      }\n    }\n  }\n": typeof types.BoardEventsDocument,
    "\n  subscription BoardPresenceLive($agreementId: ID!) {\n    boardPresence(agreementId: $agreementId) {\n      id\n      users {\n        activityId\n        field\n        since\n        user {\n          id\n          name\n          opd {\n            id\n            code\n          }\n        }\n      }\n    }\n  }\n": typeof types.BoardPresenceLiveDocument,
    "\n  subscription BoardAgreementStatus($id: ID!) {\n    agreementUpdated(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.BoardAgreementStatusDocument,
    "\n  mutation AddBoardActivity($input: AddDraftActivityInput!) {\n    addDraftActivity(input: $input) {\n      ...BoardActivity\n    }\n  }\n": typeof types.AddBoardActivityDocument,
    "\n  mutation UpdateBoardActivity($id: ID!, $baseVersion: Int!, $patch: DraftActivityPatch!) {\n    updateDraftActivity(id: $id, baseVersion: $baseVersion, patch: $patch) {\n      ...BoardActivity\n    }\n  }\n": typeof types.UpdateBoardActivityDocument,
    "\n  mutation MoveBoardActivity($id: ID!, $afterId: ID, $beforeId: ID) {\n    moveDraftActivity(id: $id, afterId: $afterId, beforeId: $beforeId) {\n      ...BoardActivity\n    }\n  }\n": typeof types.MoveBoardActivityDocument,
    "\n  mutation RemoveBoardActivity($id: ID!) {\n    removeDraftActivity(id: $id) {\n      ...BoardActivity\n    }\n  }\n": typeof types.RemoveBoardActivityDocument,
    "\n  mutation RestoreBoardActivity($id: ID!) {\n    restoreDraftActivity(id: $id) {\n      ...BoardActivity\n    }\n  }\n": typeof types.RestoreBoardActivityDocument,
    "\n  mutation SetBoardEditing($agreementId: ID!, $activityId: ID, $field: String) {\n    setEditing(agreementId: $agreementId, activityId: $activityId, field: $field)\n  }\n": typeof types.SetBoardEditingDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      role\n    }\n  }\n": typeof types.MeDocument,
};
const documents: Documents = {
    "\n  query BoardPage($agreementId: ID!) {\n    agreement(id: $agreementId) {\n      id\n      title\n      status\n      partnerCity {\n        id\n        name\n        country {\n          code\n          name\n        }\n      }\n    }\n    opds {\n      id\n      code\n      name\n    }\n  }\n": types.BoardPageDocument,
    "\n  query Board($agreementId: ID!) {\n    board(agreementId: $agreementId) {\n      id\n      seq\n      activities {\n        ...BoardActivity\n      }\n    }\n  }\n": types.BoardDocument,
    "\n  query BoardSeq($agreementId: ID!) {\n    board(agreementId: $agreementId) {\n      id\n      seq\n    }\n  }\n": types.BoardSeqDocument,
    "\n  fragment BoardActivity on DraftActivity {\n    id\n    title\n    scope\n    benefit\n    output\n    decision\n    position\n    version\n    removedAt\n    opd {\n      id\n      code\n      name\n    }\n  }\n": types.BoardActivityFragmentDoc,
    "\n  subscription BoardEvents($agreementId: ID!, $afterSeq: Int) {\n    boardEvents(agreementId: $agreementId, afterSeq: $afterSeq) {\n      seq\n      kind\n      activityId\n      changedFields\n      actor {\n        id\n        name\n      }\n      activity {\n        ...BoardActivity\n      }\n    }\n  }\n": types.BoardEventsDocument,
    "\n  subscription BoardPresenceLive($agreementId: ID!) {\n    boardPresence(agreementId: $agreementId) {\n      id\n      users {\n        activityId\n        field\n        since\n        user {\n          id\n          name\n          opd {\n            id\n            code\n          }\n        }\n      }\n    }\n  }\n": types.BoardPresenceLiveDocument,
    "\n  subscription BoardAgreementStatus($id: ID!) {\n    agreementUpdated(id: $id) {\n      id\n      status\n    }\n  }\n": types.BoardAgreementStatusDocument,
    "\n  mutation AddBoardActivity($input: AddDraftActivityInput!) {\n    addDraftActivity(input: $input) {\n      ...BoardActivity\n    }\n  }\n": types.AddBoardActivityDocument,
    "\n  mutation UpdateBoardActivity($id: ID!, $baseVersion: Int!, $patch: DraftActivityPatch!) {\n    updateDraftActivity(id: $id, baseVersion: $baseVersion, patch: $patch) {\n      ...BoardActivity\n    }\n  }\n": types.UpdateBoardActivityDocument,
    "\n  mutation MoveBoardActivity($id: ID!, $afterId: ID, $beforeId: ID) {\n    moveDraftActivity(id: $id, afterId: $afterId, beforeId: $beforeId) {\n      ...BoardActivity\n    }\n  }\n": types.MoveBoardActivityDocument,
    "\n  mutation RemoveBoardActivity($id: ID!) {\n    removeDraftActivity(id: $id) {\n      ...BoardActivity\n    }\n  }\n": types.RemoveBoardActivityDocument,
    "\n  mutation RestoreBoardActivity($id: ID!) {\n    restoreDraftActivity(id: $id) {\n      ...BoardActivity\n    }\n  }\n": types.RestoreBoardActivityDocument,
    "\n  mutation SetBoardEditing($agreementId: ID!, $activityId: ID, $field: String) {\n    setEditing(agreementId: $agreementId, activityId: $activityId, field: $field)\n  }\n": types.SetBoardEditingDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      role\n    }\n  }\n": types.MeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardPage($agreementId: ID!) {\n    agreement(id: $agreementId) {\n      id\n      title\n      status\n      partnerCity {\n        id\n        name\n        country {\n          code\n          name\n        }\n      }\n    }\n    opds {\n      id\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  query BoardPage($agreementId: ID!) {\n    agreement(id: $agreementId) {\n      id\n      title\n      status\n      partnerCity {\n        id\n        name\n        country {\n          code\n          name\n        }\n      }\n    }\n    opds {\n      id\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Board($agreementId: ID!) {\n    board(agreementId: $agreementId) {\n      id\n      seq\n      activities {\n        ...BoardActivity\n      }\n    }\n  }\n"): (typeof documents)["\n  query Board($agreementId: ID!) {\n    board(agreementId: $agreementId) {\n      id\n      seq\n      activities {\n        ...BoardActivity\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardSeq($agreementId: ID!) {\n    board(agreementId: $agreementId) {\n      id\n      seq\n    }\n  }\n"): (typeof documents)["\n  query BoardSeq($agreementId: ID!) {\n    board(agreementId: $agreementId) {\n      id\n      seq\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardActivity on DraftActivity {\n    id\n    title\n    scope\n    benefit\n    output\n    decision\n    position\n    version\n    removedAt\n    opd {\n      id\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment BoardActivity on DraftActivity {\n    id\n    title\n    scope\n    benefit\n    output\n    decision\n    position\n    version\n    removedAt\n    opd {\n      id\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardEvents($agreementId: ID!, $afterSeq: Int) {\n    boardEvents(agreementId: $agreementId, afterSeq: $afterSeq) {\n      seq\n      kind\n      activityId\n      changedFields\n      actor {\n        id\n        name\n      }\n      activity {\n        ...BoardActivity\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription BoardEvents($agreementId: ID!, $afterSeq: Int) {\n    boardEvents(agreementId: $agreementId, afterSeq: $afterSeq) {\n      seq\n      kind\n      activityId\n      changedFields\n      actor {\n        id\n        name\n      }\n      activity {\n        ...BoardActivity\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardPresenceLive($agreementId: ID!) {\n    boardPresence(agreementId: $agreementId) {\n      id\n      users {\n        activityId\n        field\n        since\n        user {\n          id\n          name\n          opd {\n            id\n            code\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription BoardPresenceLive($agreementId: ID!) {\n    boardPresence(agreementId: $agreementId) {\n      id\n      users {\n        activityId\n        field\n        since\n        user {\n          id\n          name\n          opd {\n            id\n            code\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardAgreementStatus($id: ID!) {\n    agreementUpdated(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  subscription BoardAgreementStatus($id: ID!) {\n    agreementUpdated(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddBoardActivity($input: AddDraftActivityInput!) {\n    addDraftActivity(input: $input) {\n      ...BoardActivity\n    }\n  }\n"): (typeof documents)["\n  mutation AddBoardActivity($input: AddDraftActivityInput!) {\n    addDraftActivity(input: $input) {\n      ...BoardActivity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateBoardActivity($id: ID!, $baseVersion: Int!, $patch: DraftActivityPatch!) {\n    updateDraftActivity(id: $id, baseVersion: $baseVersion, patch: $patch) {\n      ...BoardActivity\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateBoardActivity($id: ID!, $baseVersion: Int!, $patch: DraftActivityPatch!) {\n    updateDraftActivity(id: $id, baseVersion: $baseVersion, patch: $patch) {\n      ...BoardActivity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveBoardActivity($id: ID!, $afterId: ID, $beforeId: ID) {\n    moveDraftActivity(id: $id, afterId: $afterId, beforeId: $beforeId) {\n      ...BoardActivity\n    }\n  }\n"): (typeof documents)["\n  mutation MoveBoardActivity($id: ID!, $afterId: ID, $beforeId: ID) {\n    moveDraftActivity(id: $id, afterId: $afterId, beforeId: $beforeId) {\n      ...BoardActivity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveBoardActivity($id: ID!) {\n    removeDraftActivity(id: $id) {\n      ...BoardActivity\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveBoardActivity($id: ID!) {\n    removeDraftActivity(id: $id) {\n      ...BoardActivity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreBoardActivity($id: ID!) {\n    restoreDraftActivity(id: $id) {\n      ...BoardActivity\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreBoardActivity($id: ID!) {\n    restoreDraftActivity(id: $id) {\n      ...BoardActivity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBoardEditing($agreementId: ID!, $activityId: ID, $field: String) {\n    setEditing(agreementId: $agreementId, activityId: $activityId, field: $field)\n  }\n"): (typeof documents)["\n  mutation SetBoardEditing($agreementId: ID!, $activityId: ID, $field: String) {\n    setEditing(agreementId: $agreementId, activityId: $activityId, field: $field)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      name\n      role\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      name\n      role\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;