/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An OPD's decision on a draft activity */
export type ActivityDecision =
  /** Accepted by its OPD; every live activity must be ACCEPTED before the agreement goes to the DPRD */
  | 'ACCEPTED'
  /** Proposed, not yet accepted by its OPD (every new activity starts here) */
  | 'PROPOSED'
  /** Not set through this API (a patch refuses it): removeDraftActivity takes an activity off the board by setting removedAt, keeping its decision */
  | 'REMOVED';

/** A new draft activity (kegiatan) and where on the board it goes */
export type AddDraftActivityInput = {
  /** The opaque global id of the activity the new one follows; with neither neighbour, it goes to the end */
  afterId?: string | number | null | undefined;
  /** The opaque global id of the agreement whose board gets the activity */
  agreementId: string | number;
  /** The opaque global id of the activity the new one precedes */
  beforeId?: string | number | null | undefined;
  /** Manfaat (benefit): what the activity brings, and to whom; up to 5 000 characters, empty when left out */
  benefit?: string | null | undefined;
  /** Estimated budget in whole Rupiah (IDR), 0 to 10^15 */
  budgetEstimate?: number | null | undefined;
  /** Where the money comes from (sumber dana) */
  fundingSource?: FundingSource | null | undefined;
  /** The opaque global id of the proposing OPD; an OPD editor's own OPD when left out */
  opdId?: string | number | null | undefined;
  /** Keluaran (output): what the activity delivers; up to 5 000 characters, empty when left out */
  output?: string | null | undefined;
  /** Ruang lingkup (scope): what the activity covers, up to 5 000 characters; empty when left out */
  scope?: string | null | undefined;
  /** Title of the activity (kegiatan), 1–300 characters, not blank */
  title: string;
  /** Budget year (tahun anggaran), 2000–2100 */
  year?: number | null | undefined;
};

/** Stage of an agreement, from exploration to an MoU in force. Only the workflow mutations change it, one step at a time (see Agreement.nextSteps). */
export type AgreementStatus =
  /** Called off before an MoU was signed (cancelAgreement). Final. */
  | 'CANCELLED'
  /** With the central government (Kemendagri and Kemenlu) for facilitation before the MoU is signed. */
  | 'CENTRAL_FACILITATION'
  /** The DPRD approved the cooperation (recordDprdDecision APPROVED). */
  | 'DPRD_APPROVED'
  /** Submitted to the DPRD (the city council): each OPD presents its activities and the action plan is attached. */
  | 'DPRD_REVIEW'
  /** The MoU lapsed after expiresOn; the server moves it here by itself. renewAgreement brings it back in force. */
  | 'EXPIRED'
  /** First contacts; no document signed yet. Every new agreement starts here. */
  | 'EXPLORATION'
  /** The Letter of Intent is signed (recordDocument with kind LETTER_OF_INTENT). */
  | 'LOI_SIGNED'
  /** The MoU is signed and has not lapsed (expiresOn is today or later). */
  | 'MOU_IN_FORCE'
  /** The OPDs draft the activities (kegiatan) on the board; the only stage in which the board can be edited. */
  | 'PLAN_DRAFTING'
  /** The MoU was ended early after written notice (terminateAgreement). Final. */
  | 'TERMINATED';

/** What a board event did */
export type BoardEventKind =
  /** An activity was added */
  | 'ADDED'
  /** An activity moved to a new position */
  | 'MOVED'
  /** An activity was taken off the board; drop it from the list */
  | 'REMOVED'
  /** A removed activity came back */
  | 'RESTORED'
  /** The events cannot be replayed from where the client asked: reload board and keep applying the events that follow */
  | 'RESYNC'
  /** Fields of an activity changed (see changedFields) */
  | 'UPDATED';

/** The fields to change; fields left out stay as they are */
export type DraftActivityPatch = {
  /** New manfaat (benefit), up to 5 000 characters */
  benefit?: string | null | undefined;
  /** New estimated budget in whole Rupiah (IDR), 0 to 10^15; null clears it */
  budgetEstimate?: number | null | undefined;
  /** The OPD's decision: PROPOSED or ACCEPTED (REMOVED is refused: use removeDraftActivity) */
  decision?: ActivityDecision | null | undefined;
  /** New source of money (sumber dana); null clears it */
  fundingSource?: FundingSource | null | undefined;
  /** New keluaran (output), up to 5 000 characters */
  output?: string | null | undefined;
  /** New ruang lingkup (scope), up to 5 000 characters */
  scope?: string | null | undefined;
  /** New title, 1–300 characters, not blank */
  title?: string | null | undefined;
  /** New budget year (tahun anggaran), 2000–2100; null clears it */
  year?: number | null | undefined;
};

/** Where the money for an activity comes from (sumber dana) */
export type FundingSource =
  /** APBD: the city's own budget (Anggaran Pendapatan dan Belanja Daerah) */
  | 'APBD'
  /** APBN: the national budget (Anggaran Pendapatan dan Belanja Negara) */
  | 'APBN'
  /** Any other source */
  | 'OTHER'
  /** The partner city abroad pays */
  | 'PARTNER'
  /** A third party (company, foundation, donor) pays */
  | 'SPONSOR';

/** What a user may do; the same rules over HTTP and WebSocket */
export type Role =
  /** Everything, including the users */
  | 'ADMIN'
  /** Staff of the Bagian Kerja Sama (cooperation section): partner cities, agreements, documents, the workflow, every board */
  | 'OFFICER'
  /** Works for one OPD: reads everything, changes only its own OPD's draft activities while the plan is drafted */
  | 'OPD_EDITOR'
  /** Reads everything, changes nothing */
  | 'VIEWER';

export type BoardPageQueryVariables = Exact<{
  agreementId: string | number;
}>;


export type BoardPageQuery = { agreement: { id: string, title: string, status: AgreementStatus, partnerCity: { id: string, name: string, country: { code: string, name: string } } } | null, opds: Array<{ id: string, code: string, name: string }> };

export type BoardQueryVariables = Exact<{
  agreementId: string | number;
}>;


export type BoardQuery = { board: { id: string, seq: number, activities: Array<{ id: string, title: string, scope: string, benefit: string, output: string, decision: ActivityDecision, position: string, version: number, removedAt: string | null, opd: { id: string, code: string, name: string } }> } };

export type BoardSeqQueryVariables = Exact<{
  agreementId: string | number;
}>;


export type BoardSeqQuery = { board: { id: string, seq: number } };

export type BoardActivityFragment = { id: string, title: string, scope: string, benefit: string, output: string, decision: ActivityDecision, position: string, version: number, removedAt: string | null, opd: { id: string, code: string, name: string } };

export type BoardEventsSubscriptionVariables = Exact<{
  agreementId: string | number;
  afterSeq?: number | null | undefined;
}>;


export type BoardEventsSubscription = { boardEvents: { seq: number, kind: BoardEventKind, activityId: string | null, changedFields: Array<string>, actor: { id: string, name: string } | null, activity: { id: string, title: string, scope: string, benefit: string, output: string, decision: ActivityDecision, position: string, version: number, removedAt: string | null, opd: { id: string, code: string, name: string } } | null } };

export type BoardPresenceLiveSubscriptionVariables = Exact<{
  agreementId: string | number;
}>;


export type BoardPresenceLiveSubscription = { boardPresence: { id: string, users: Array<{ activityId: string | null, field: string | null, since: string, user: { id: string, name: string, opd: { id: string, code: string } | null } }> } };

export type BoardAgreementStatusSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type BoardAgreementStatusSubscription = { agreementUpdated: { id: string, status: AgreementStatus } };

export type AddBoardActivityMutationVariables = Exact<{
  input: AddDraftActivityInput;
}>;


export type AddBoardActivityMutation = { addDraftActivity: { id: string, title: string, scope: string, benefit: string, output: string, decision: ActivityDecision, position: string, version: number, removedAt: string | null, opd: { id: string, code: string, name: string } } };

export type UpdateBoardActivityMutationVariables = Exact<{
  id: string | number;
  baseVersion: number;
  patch: DraftActivityPatch;
}>;


export type UpdateBoardActivityMutation = { updateDraftActivity: { id: string, title: string, scope: string, benefit: string, output: string, decision: ActivityDecision, position: string, version: number, removedAt: string | null, opd: { id: string, code: string, name: string } } };

export type MoveBoardActivityMutationVariables = Exact<{
  id: string | number;
  afterId?: string | number | null | undefined;
  beforeId?: string | number | null | undefined;
}>;


export type MoveBoardActivityMutation = { moveDraftActivity: { id: string, title: string, scope: string, benefit: string, output: string, decision: ActivityDecision, position: string, version: number, removedAt: string | null, opd: { id: string, code: string, name: string } } };

export type RemoveBoardActivityMutationVariables = Exact<{
  id: string | number;
}>;


export type RemoveBoardActivityMutation = { removeDraftActivity: { id: string, title: string, scope: string, benefit: string, output: string, decision: ActivityDecision, position: string, version: number, removedAt: string | null, opd: { id: string, code: string, name: string } } };

export type RestoreBoardActivityMutationVariables = Exact<{
  id: string | number;
}>;


export type RestoreBoardActivityMutation = { restoreDraftActivity: { id: string, title: string, scope: string, benefit: string, output: string, decision: ActivityDecision, position: string, version: number, removedAt: string | null, opd: { id: string, code: string, name: string } } };

export type SetBoardEditingMutationVariables = Exact<{
  agreementId: string | number;
  activityId?: string | number | null | undefined;
  field?: string | null | undefined;
}>;


export type SetBoardEditingMutation = { setEditing: boolean };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, name: string, role: Role } };

export const BoardActivityFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardActivity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DraftActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"removedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<BoardActivityFragment, unknown>;
export const BoardPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BoardPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"partnerCity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"country"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"opds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<BoardPageQuery, BoardPageQueryVariables>;
export const BoardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Board"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"board"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agreementId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"activities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BoardActivity"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardActivity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DraftActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"removedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<BoardQuery, BoardQueryVariables>;
export const BoardSeqDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BoardSeq"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"board"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agreementId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}}]}}]}}]} as unknown as DocumentNode<BoardSeqQuery, BoardSeqQueryVariables>;
export const BoardEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BoardEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterSeq"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agreementId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterSeq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterSeq"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"activityId"}},{"kind":"Field","name":{"kind":"Name","value":"changedFields"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BoardActivity"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardActivity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DraftActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"removedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<BoardEventsSubscription, BoardEventsSubscriptionVariables>;
export const BoardPresenceLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BoardPresenceLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardPresence"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agreementId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activityId"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"opd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BoardPresenceLiveSubscription, BoardPresenceLiveSubscriptionVariables>;
export const BoardAgreementStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BoardAgreementStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreementUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<BoardAgreementStatusSubscription, BoardAgreementStatusSubscriptionVariables>;
export const AddBoardActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddBoardActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddDraftActivityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addDraftActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BoardActivity"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardActivity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DraftActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"removedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<AddBoardActivityMutation, AddBoardActivityMutationVariables>;
export const UpdateBoardActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateBoardActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patch"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DraftActivityPatch"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDraftActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"baseVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseVersion"}}},{"kind":"Argument","name":{"kind":"Name","value":"patch"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patch"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BoardActivity"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardActivity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DraftActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"removedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<UpdateBoardActivityMutation, UpdateBoardActivityMutationVariables>;
export const MoveBoardActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MoveBoardActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"beforeId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"moveDraftActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterId"}}},{"kind":"Argument","name":{"kind":"Name","value":"beforeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"beforeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BoardActivity"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardActivity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DraftActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"removedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<MoveBoardActivityMutation, MoveBoardActivityMutationVariables>;
export const RemoveBoardActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveBoardActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeDraftActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BoardActivity"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardActivity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DraftActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"removedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RemoveBoardActivityMutation, RemoveBoardActivityMutationVariables>;
export const RestoreBoardActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestoreBoardActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreDraftActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BoardActivity"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BoardActivity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DraftActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"removedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opd"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RestoreBoardActivityMutation, RestoreBoardActivityMutationVariables>;
export const SetBoardEditingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetBoardEditing"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"activityId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"field"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setEditing"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agreementId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}}},{"kind":"Argument","name":{"kind":"Name","value":"activityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"activityId"}}},{"kind":"Argument","name":{"kind":"Name","value":"field"},"value":{"kind":"Variable","name":{"kind":"Name","value":"field"}}}]}]}}]} as unknown as DocumentNode<SetBoardEditingMutation, SetBoardEditingMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;