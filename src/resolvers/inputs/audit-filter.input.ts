import { Field, ID, InputType } from 'type-graphql';
import { InputReason, badInput } from '../../errors';
import { decodeGlobalId, parseGlobalId } from '../../global-id';
import { LocalDate } from '../../scalars/local-date';
import { isIsoDate } from '../../services/dates';
import type { AuditFilter } from '../../services/audit-trail.service';

@InputType({ description: 'Which audit entries to list; every given criterion must hold' })
export class AuditTrailFilter {
  @Field(() => ID, { nullable: true, description: 'The opaque global id of a record (agreement, partner city, document, activity, user): only writes to it' })
  recordId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The opaque global id of a user: only the writes they made' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this operation (e.g. updateDraftActivity, login, loginFailed)' })
  operation?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'First day included (UTC)' })
  from?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day included (UTC)' })
  to?: string | null;
}

/**
 * The filter as the audit trail service takes it: ids decoded (a record id of any kind), dates
 * checked. The GraphQL query and the downloads (GET /audit/trail.csv, .xlsx) both go through here.
 */
export function auditFilterValues(filter: AuditTrailFilter | null | undefined): AuditFilter {
  if (!filter) return {};
  const values: AuditFilter = {};
  if (filter.recordId != null) {
    const decoded = decodeGlobalId(filter.recordId);
    if (!decoded || typeof decoded.localId !== 'number') {
      throw badInput('recordId is not a valid id: pass the id of a record as the API returned it', { argument: 'recordId', reason: InputReason.NOT_AN_ID });
    }
    values.recordType = decoded.typeName;
    values.recordId = decoded.localId;
  }
  if (filter.actorId != null) values.actorId = parseGlobalId(filter.actorId, 'User', 'actorId');
  if (filter.operation != null) {
    if (filter.operation.length > 64) throw badInput('operation is at most 64 characters', { argument: 'operation', reason: InputReason.TOO_LONG, max: 64 });
    values.operation = filter.operation;
  }
  for (const key of ['from', 'to'] as const) {
    const day = filter[key];
    if (day == null) continue;
    if (!isIsoDate(day)) throw badInput(`${key} must be a date written YYYY-MM-DD`, { argument: key, reason: InputReason.NOT_A_DATE });
    values[key] = day;
  }
  if (values.from && values.to && values.from > values.to) throw badInput('from must not be after to', { argument: 'from', reason: InputReason.DATE_ORDER });
  return values;
}
