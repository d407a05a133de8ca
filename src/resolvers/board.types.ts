import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BoardEventKind, DraftActivity } from '../entities';

@ObjectType({ simpleResolvers: true, description: "One agreement's draft activity list and the change sequence number it reflects" })
export class Board {
  @Field(() => ID)
  agreementId: number;

  @Field(() => Int, { description: 'Sequence number of the last change included; resume boardEvents after it' })
  seq: number;

  @Field(() => [DraftActivity], { description: 'Live activities in board order (removed ones left out)' })
  activities: DraftActivity[];
}

@ObjectType({ simpleResolvers: true, description: 'One committed change of a draft board, or RESYNC when the client must reload the board' })
export class BoardEvent {
  @Field(() => Int, { description: 'Numbered 1, 2, 3 … per agreement without gaps; for RESYNC, the sequence number the stream continues after' })
  seq: number;

  @Field(() => BoardEventKind, { description: 'What the change did; RESYNC means reload the board' })
  kind: BoardEventKind;

  @Field(() => ID, { nullable: true })
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

  @Field(() => ID, { nullable: true })
  activityId: number | null;

  @Field(() => String, { nullable: true, description: 'The field of that activity they are editing (title, scope, …); null when none' })
  field: string | null;

  @Field(() => Date, { description: 'When they began editing what they edit now (or joined the board)' })
  since: Date;
}

@ObjectType({ description: 'Who is on a draft board right now' })
export class BoardPresence {
  @Field(() => ID)
  agreementId: number;

  @Field(() => [BoardPresenceUser], { description: 'The people on the board, one entry per user' })
  users: BoardPresenceUser[];
}
