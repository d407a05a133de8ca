import { Arg, Args, Authorized, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { AuditEntry } from '../entities';
import type { AuthedContext } from '../context';
import { AUDIT_READ_ROLES, AUDIT_VERIFY_ROLES } from '../services/access-policy';
import { AuditProblem } from '../services/audit-trail.service';
import { ConnectionArgs, connectionOf } from './connection.types';
import type { Connection } from '../services/pagination';
import { AuditTrailFilter, auditFilterValues } from './inputs/audit-filter.input';

registerEnumType(AuditProblem, {
  name: 'AuditProblem',
  description: 'What is wrong at the first broken link of the audit trail',
  valuesConfig: {
    CONTENT_HASH_MISMATCH: { description: "The entry's content does not give its hash: it was changed after it was written" },
    PREV_LINK_MISMATCH: { description: "The entry's prevHash is not the hash of the entry before it" },
    GAP: { description: 'Entries are missing before this one (deleted)' },
    HEAD_MISMATCH: { description: 'The trail ends before the last entry that was written (the newest were deleted)' },
  },
});

export const AuditEntryConnection = connectionOf(AuditEntry, 'AuditEntry', 'audit entries');
export type AuditEntryConnection = Connection<AuditEntry>;

@ObjectType({ description: 'The result of checking the whole audit trail' })
export class AuditVerification {
  @Field(() => Boolean, { description: 'True when every entry and link checked out' })
  ok: boolean;

  @Field(() => Int, { description: 'How many entries were checked before the answer' })
  checked: number;

  @Field(() => Int, { nullable: true, description: 'The position (seq) of the first broken entry; null when ok' })
  brokenSeq: number | null;

  @Field(() => AuditProblem, { nullable: true, description: 'What is wrong there; null when ok' })
  problem: AuditProblem | null;

  @Field(() => String, { nullable: true, description: 'The problem in words; null when ok' })
  message: string | null;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(...AUDIT_READ_ROLES)
  @Query(() => AuditEntryConnection, { description: 'Every recorded write, newest first (officers and admins; a Relay connection, pages of 1–100)' })
  auditTrail(
    @Ctx() ctx: AuthedContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => AuditTrailFilter, { nullable: true, description: 'Which entries; all when left out' }) filter?: AuditTrailFilter,
  ): Promise<AuditEntryConnection> {
    return ctx.services.audit.list(auditFilterValues(filter), page);
  }

  @Authorized(...AUDIT_VERIFY_ROLES)
  @Mutation(() => AuditVerification, { description: 'Checks the hash chain of the whole audit trail and reports the first broken link (admins)' })
  verifyAuditTrail(@Ctx() ctx: AuthedContext): Promise<AuditVerification> {
    return ctx.services.audit.verify();
  }
}
