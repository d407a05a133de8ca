import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { GlobalIdField } from './node';

/**
 * One line of the audit trail: who did what to which record, when, in which request, and the
 * fields before and after. Entries form a hash chain: `hash` is the SHA-256 of the entry's content
 * and `prevHash` (the previous entry's `hash`), so an edited or deleted entry breaks the chain
 * (`verifyAuditTrail`). Written only by the audit trail's before-commit hook, in the transaction of
 * the write it records.
 *
 * `at` and `diff` are kept as the exact text that was hashed (an ISO instant, canonical JSON):
 * a datetime or JSON column could come back from a driver in another spelling and break the hash.
 */
@ObjectType({ description: 'One recorded write: who, when, which operation on which record, and what changed' })
@Entity()
@Index(['recordType', 'recordId'])
@Index(['actorId'])
@Index(['operation'])
@Index(['at'])
export class AuditEntry {
  /** Position in the chain: 1, 2, 3 … without gaps. */
  @Field(() => Int, { description: 'The position of the entry in the trail: 1, 2, 3 … without gaps' })
  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Field(() => String, { description: 'When the write was made: an ISO 8601 instant in UTC (e.g. 2026-11-29T10:15:00.000Z)' })
  @Column({ type: 'varchar', length: 24 })
  at: string;

  @GlobalIdField('User', { nullable: true, description: 'The user who made the write; null for the system (expiry) and for failed sign-ins' })
  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Field(() => String, { nullable: true, description: "The actor's email at the time (for a failed sign-in: the email that was tried)" })
  @Column({ type: 'varchar', length: 254, nullable: true })
  actorEmail: string | null;

  @Field(() => String, { description: 'The operation: the name of the mutation (e.g. updateDraftActivity), or login, loginFailed, expireLapsed' })
  @Column({ type: 'varchar', length: 64 })
  operation: string;

  @Field(() => String, { description: 'The type of the record written (Agreement, PartnerCity, AgreementDocument, DraftActivity, User)' })
  @Column({ type: 'varchar', length: 32 })
  recordType: string;

  @GlobalIdField('Agreement', { from: 'recordId', typeFrom: 'recordType', nullable: true, description: 'The global id of the record written; null for a failed sign-in with an unknown email' })
  @Column({ type: 'int', nullable: true })
  recordId: number | null;

  @Field(() => String, { description: 'The changed fields as JSON: { field: { before, after } }; passwords appear only as passwordChanged' })
  @Column({ type: 'text' })
  diff: string;

  @Field(() => String, { nullable: true, description: 'The id of the request that made the write (as in the server log)' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Field(() => String, { description: 'The hash of the previous entry (64 zeros for the first)' })
  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Field(() => String, { description: "SHA-256 (hex) of this entry's content and prevHash" })
  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

/** The head of the chain, one row: locked by every append, so that appends line up (see AuditTrailService). */
@Entity()
export class AuditChainHead {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
