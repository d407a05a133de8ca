import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Agreement, AttendanceStatus, Meeting, MeetingAgendaItem, MeetingAttendance, Opd } from '../entities';
import { actorOf, type AuthedContext, type Context } from '../context';
import { clearLoaders } from '../loaders';
import { unauthenticated } from '../errors';
import { parseGlobalId, parseOptionalGlobalId } from '../global-id';
import { OPD_ACTOR_ROLES, REGISTRY_ROLES } from '../services/access-policy';
import { minutesRef, hasMinutes } from '../documents/document.service';
import { ScheduleMeetingInput } from './inputs/meeting.input';
import { GeneratedDocument, MeetingDecisions, type OpdDecisions } from './meeting.types';

type WatchArgs = { meetingId?: string | null; agreementId?: string | null };

/** Drafting meetings: thin resolvers over MeetingService (the rules) and DocumentService (the documents). */
@Resolver(() => Meeting)
export class MeetingResolver {
  @Authorized()
  @Query(() => Meeting, { nullable: true, description: 'One drafting meeting, or null when there is none' })
  meeting(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The opaque global id of the meeting' }) id: string): Promise<Meeting | null> {
    return ctx.loaders.meeting.load(parseGlobalId(id, 'Meeting', 'id'));
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Meeting, { description: 'Schedules a drafting meeting of an agreement (before its MoU), with its agenda and invitees. Officers and admins' })
  scheduleMeeting(@Ctx() ctx: AuthedContext, @Arg('input', () => ScheduleMeetingInput, { description: 'The meeting' }) input: ScheduleMeetingInput): Promise<Meeting> {
    return ctx.services.meetings.schedule(actorOf(ctx), {
      ...input,
      agreementId: parseGlobalId(input.agreementId, 'Agreement', 'agreementId'),
      invitedOpdIds: (input.invitedOpdIds ?? []).map((id, index) => parseGlobalId(id, 'Opd', `invitedOpdIds[${index}]`)),
    });
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Meeting, {
    description: 'Opens a SCHEDULED meeting: from now on every board change of its agreement is tagged with it. Only in PLAN_DRAFTING, one at a time per agreement. Officers and admins',
  })
  openMeeting(@Ctx() ctx: AuthedContext, @Arg('id', () => ID, { description: 'The opaque global id of the meeting' }) id: string): Promise<Meeting> {
    return ctx.services.meetings.open(actorOf(ctx), parseGlobalId(id, 'Meeting', 'id'));
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Meeting, { description: 'Closes a meeting in progress and freezes its decisions, computed from the board events tagged with it. Officers and admins' })
  closeMeeting(@Ctx() ctx: AuthedContext, @Arg('id', () => ID, { description: 'The opaque global id of the meeting' }) id: string): Promise<Meeting> {
    return ctx.services.meetings.close(actorOf(ctx), parseGlobalId(id, 'Meeting', 'id'));
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Meeting, { description: 'Calls off a scheduled meeting or one in progress. Officers and admins' })
  cancelMeeting(
    @Ctx() ctx: AuthedContext,
    @Arg('id', () => ID, { description: 'The opaque global id of the meeting' }) id: string,
    @Arg('reason', { description: 'Why it is called off; required, up to 1 000 characters' }) reason: string,
  ): Promise<Meeting> {
    return ctx.services.meetings.cancel(actorOf(ctx), parseGlobalId(id, 'Meeting', 'id'), reason);
  }

  @Authorized(...OPD_ACTOR_ROLES)
  @Mutation(() => MeetingAttendance, {
    description: "Records whether an invitee attended; not once the meeting is CLOSED or CANCELLED. Officers and admins any line, an OPD editor only its own OPD's",
  })
  recordAttendance(
    @Ctx() ctx: AuthedContext,
    @Arg('attendanceId', () => ID, { description: 'The opaque global id of the attendance line (Meeting.attendance)' }) attendanceId: string,
    @Arg('status', () => AttendanceStatus, { description: 'PRESENT, ABSENT, REPRESENTED (with representedBy), or INVITED to clear it' }) status: AttendanceStatus,
    @Arg('representedBy', () => String, { nullable: true, description: 'Who represented the invitee (name and office), with REPRESENTED only; up to 200 characters' })
    representedBy?: string | null,
  ): Promise<MeetingAttendance> {
    return ctx.services.meetings.recordAttendance(actorOf(ctx), parseGlobalId(attendanceId, 'MeetingAttendance', 'attendanceId'), status, representedBy);
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => MeetingAgendaItem, { description: 'Records the note on an agenda item (empty: none); not on a cancelled meeting. Officers and admins' })
  recordAgendaItemNote(
    @Ctx() ctx: AuthedContext,
    @Arg('agendaItemId', () => ID, { description: 'The opaque global id of the agenda item' }) agendaItemId: string,
    @Arg('note', () => String, { nullable: true, description: 'What was said or agreed, up to 2 000 characters; empty or null removes the note' }) note?: string | null,
  ): Promise<MeetingAgendaItem> {
    return ctx.services.meetings.recordAgendaNote(actorOf(ctx), parseGlobalId(agendaItemId, 'MeetingAgendaItem', 'agendaItemId'), note);
  }

  @Authorized(...REGISTRY_ROLES)
  @Mutation(() => Meeting, {
    description: 'Records the note on the decision about one activity, while the meeting is in progress or once closed (then only on an activity it decided on). Officers and admins',
  })
  recordDecisionNote(
    @Ctx() ctx: AuthedContext,
    @Arg('meetingId', () => ID, { description: 'The opaque global id of the meeting' }) meetingId: string,
    @Arg('activityId', () => ID, { description: 'The opaque global id of the activity the decision is about' }) activityId: string,
    @Arg('note', () => String, { nullable: true, description: 'The note, up to 2 000 characters; empty or null removes it' }) note?: string | null,
  ): Promise<Meeting> {
    return ctx.services.meetings.recordDecisionNote(actorOf(ctx), parseGlobalId(meetingId, 'Meeting', 'meetingId'), parseGlobalId(activityId, 'DraftActivity', 'activityId'), note);
  }

  @Subscription(() => Meeting, {
    description: "A meeting's state or attendance changed (committed): follow one meeting (meetingId) or every meeting of an agreement (agreementId)",
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, WatchArgs, Context>) => {
      if (!context.user) throw context.authError ?? unauthenticated();
      const meetingId = parseOptionalGlobalId(args.meetingId, 'Meeting', 'meetingId') ?? undefined;
      const agreementId = await context.services.meetings.agreementToWatch({
        meetingId,
        agreementId: parseOptionalGlobalId(args.agreementId, 'Agreement', 'agreementId') ?? undefined,
      });
      return context.realtime.meetingUpdates(agreementId, meetingId);
    },
  })
  async meetingUpdated(
    @Root() payload: { meetingId: number },
    @Ctx() ctx: Context,
    @Arg('meetingId', () => ID, { nullable: true, description: 'The opaque global id of the meeting to follow' }) _meetingId?: string | null,
    @Arg('agreementId', () => ID, { nullable: true, description: 'The opaque global id of the agreement whose meetings to follow' }) _agreementId?: string | null,
  ): Promise<Meeting> {
    clearLoaders(ctx.loaders);
    return (await ctx.loaders.meeting.load(payload.meetingId))!;
  }

  @FieldResolver(() => Agreement, { description: 'The agreement whose activities the meeting discusses' })
  async agreement(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<Agreement> {
    return (await ctx.loaders.agreement.load(meeting.agreementId))!;
  }

  @FieldResolver(() => [MeetingAgendaItem], { description: 'The agenda, in order' })
  agenda(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<MeetingAgendaItem[]> {
    return ctx.loaders.agendaOfMeeting.load(meeting.id);
  }

  @FieldResolver(() => [MeetingAttendance], { description: 'The invitees (OPDs, then people) and whether they attended' })
  attendance(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<MeetingAttendance[]> {
    return ctx.loaders.attendanceOfMeeting.load(meeting.id);
  }

  @FieldResolver(() => MeetingDecisions, {
    nullable: true,
    description: 'What the meeting decided, by OPD, computed from the board events tagged with it: frozen once CLOSED, so far while IN_PROGRESS, null before it opens or once cancelled',
  })
  async decisions(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<MeetingDecisions | null> {
    const view = await ctx.services.meetings.decisions(meeting);
    if (!view) return null;
    const note = <T extends { activityId: number }>(a: T) => ({ ...a, note: view.notes.get(a.activityId) ?? null });
    const opds = await ctx.loaders.opd.loadMany(view.byOpd.map((g) => g.opdId));
    const byOpd: OpdDecisions[] = view.byOpd.map((g, index) => ({
      opdId: g.opdId,
      opd: opds[index] as Opd,
      approved: g.approved.map(note),
      added: g.added.map(note),
      removed: g.removed.map(note),
      revised: g.revised.map(note),
      undecided: g.undecided.map(note),
    }));
    return { final: view.final, fromSeq: view.fromSeq, toSeq: view.toSeq, eventSeqs: view.eventSeqs, byOpd };
  }

  @FieldResolver(() => [GeneratedDocument], { description: 'The documents of the meeting: its minutes once it is opened (a draft until it closes)' })
  documents(@Root() meeting: Meeting): GeneratedDocument[] {
    return hasMinutes(meeting) ? [minutesRef(meeting)] : [];
  }
}

@Resolver(() => MeetingAttendance)
export class MeetingAttendanceResolver {
  @FieldResolver(() => Opd, { nullable: true, description: 'The invited OPD; null for a person invited by name' })
  opd(@Root() line: MeetingAttendance, @Ctx() ctx: Context): Promise<Opd | null> | null {
    return line.opdId === null ? null : ctx.loaders.opd.load(line.opdId);
  }
}
