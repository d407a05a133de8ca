import { ActionPlan } from './action-plan.entity';
import { ActionPlanItem } from './action-plan-item.entity';
import { Agreement } from './agreement.entity';
import { AgreementDocument } from './agreement-document.entity';
import { AgreementFieldEntry } from './agreement-field.entity';
import { AuditChainHead, AuditEntry } from './audit-entry.entity';
import { ChangeEvent } from './change-event.entity';
import { Country } from './country.entity';
import { DraftActivity } from './draft-activity.entity';
import { Opd } from './opd.entity';
import { OpdPresentation } from './opd-presentation.entity';
import { PartnerCity } from './partner-city.entity';
import { StatusChange } from './status-change.entity';
import { User } from './user.entity';
import { JobLease } from './job-lease.entity';
import { JobRun } from './job-run.entity';
import { Notification } from './notification.entity';

export * from './enums';
export { EmailStatus, NotificationKind } from './notification.entity';
export type { JobOutcome } from './job-lease.entity';
export { EDITABLE_ACTIVITY_FIELDS, type EditableActivityField } from './draft-activity.entity';
export { ActionPlan, ActionPlanItem, Agreement, AgreementDocument, AgreementFieldEntry, AuditChainHead, AuditEntry, ChangeEvent, Country, DraftActivity, Opd, OpdPresentation, PartnerCity, StatusChange, User, JobLease, JobRun, Notification };

export const entities = [Country, PartnerCity, Opd, Agreement, AgreementFieldEntry, AgreementDocument, DraftActivity, ChangeEvent, StatusChange, User, OpdPresentation, ActionPlan, ActionPlanItem, AuditEntry, AuditChainHead, JobLease, JobRun, Notification];
