import { Field, Int, ObjectType } from 'type-graphql';
import { BoardEventKind, DraftActivity } from '../entities';
import { GlobalIdField, Node } from '../entities/node';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: "One agreement's draft activity list and the change sequence number it reflects. A board's identity is its agreement's",
})
export class Board {
  @GlobalIdField('Board', { from: 'agreementId', description: 'The opaque global id of the board (one per agreement; not the agreement\'s own id)' })
  readonly id?: string;

  @GlobalIdField('Agreement', { description: 'The opaque global id of the agreement whose board this is' })
  agreementId: number;

  @Field(() => Int, { description: 'Sequence number of the last change included; resume boardEvents after it' })
  seq: number;

  @Field(() => [DraftActivity], { description: 'Live activities in board order (removed ones left out)' })
  activities: DraftActivity[];
}

@ObjectType({
  simpleResolvers: true,
  description:
    'One committed change of a draft board, or RESYNC when the client must reload the board. Not a Node: an event is known by its board and seq, and is replayed with boardEvents(afterSeq), not refetched',
})
export class BoardEvent {
  @Field(() => Int, { description: 'Numbered 1, 2, 3 … per agreement without gaps; for RESYNC, the sequence number the stream continues after' })
  seq: number;

  @Field(() => BoardEventKind, { description: 'What the change did; RESYNC means reload the board' })
  kind: BoardEventKind;

  @GlobalIdField('DraftActivity', { nullable: true, description: 'The opaque global id of the activity the change is about (null for RESYNC)' })
  activityId: number | null;

  @Field(() => DraftActivity, { nullable: true, description: 'The activity right after the change (null for RESYNC)' })
  activity: DraftActivity | null;

  @Field(() => [String], { description: 'The fields the change touched (position for a move, removedAt for remove/restore)' })
  changedFields: string[];

  actorId: number | null;

  @Field(() => Date, { description: 'When the change was committed (UTC instant)' })
  at: Date;
}

@ObjectType({ description: 'Someone on a board, and what they are editing' })
export class BoardPresenceUser {
  userId: number;

  @GlobalIdField('DraftActivity', { nullable: true, description: 'The opaque global id of the activity they are editing; null when none' })
  activityId: number | null;

  @Field(() => String, { nullable: true, description: 'The field of that activity they are editing (title, scope, …); null when none' })
  field: string | null;

  @Field(() => Date, { description: 'When they began editing what they edit now (or joined the board)' })
  since: Date;
}

@ObjectType({ implements: Node, description: "Who is on a draft board right now. Its identity is its agreement's" })
export class BoardPresence {
  @GlobalIdField('BoardPresence', { from: 'agreementId', description: "The opaque global id of the board's presence (one per agreement)" })
  readonly id?: string;

  @GlobalIdField('Agreement', { description: 'The opaque global id of the agreement whose board this is' })
  agreementId: number;

  @Field(() => [BoardPresenceUser], { description: 'The people on the board, one entry per user' })
  users: BoardPresenceUser[];
}
