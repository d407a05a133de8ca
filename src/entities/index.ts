import { ActionPlan } from './action-plan.entity';
import { ActionPlanItem } from './action-plan-item.entity';
import { Agreement } from './agreement.entity';
import { AgreementDocument } from './agreement-document.entity';
import { AgreementFieldEntry } from './agreement-field.entity';
import { ChangeEvent } from './change-event.entity';
import { Country } from './country.entity';
import { DraftActivity } from './draft-activity.entity';
import { Opd } from './opd.entity';
import { OpdPresentation } from './opd-presentation.entity';
import { PartnerCity } from './partner-city.entity';
import { StatusChange } from './status-change.entity';
import { User } from './user.entity';
import { Meeting } from './meeting.entity';
import { MeetingAttendance } from './meeting-attendance.entity';
import { MeetingAgendaItem, MeetingDecisionNote } from './meeting-agenda-item.entity';

export * from './enums';
export * from './meeting-enums';
export { EDITABLE_ACTIVITY_FIELDS, type EditableActivityField } from './draft-activity.entity';
export { ActionPlan, ActionPlanItem, Agreement, AgreementDocument, AgreementFieldEntry, ChangeEvent, Country, DraftActivity, Opd, OpdPresentation, PartnerCity, StatusChange, User };
export { Meeting, MeetingAttendance, MeetingAgendaItem, MeetingDecisionNote };

export const entities = [Country, PartnerCity, Opd, Agreement, AgreementFieldEntry, AgreementDocument, DraftActivity, ChangeEvent, StatusChange, User, OpdPresentation, ActionPlan, ActionPlanItem, Meeting, MeetingAttendance, MeetingAgendaItem, MeetingDecisionNote];
