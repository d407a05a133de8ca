import { In, IsNull, type DataSource } from 'typeorm';
import { Agreement, AgreementStatus, DraftActivity, EmailStatus, Notification, NotificationKind, Role, User } from '../entities';
import type { Logger } from '../logger';
import { agreementStuckText, mouExpiringText, type NotificationText } from '../notifications/messages';
import type { Mailer } from '../notifications/mailer';
import { BEFORE_MOU } from '../services/workflow/state-machine';
import { addDays, daysBetween, toIsoDate } from '../services/dates';
import type { NotificationService } from '../services/notification.service';
import type { Job } from './scheduler';

export const REMINDERS_JOB = 'reminders';

/** E-mail attempts per notification before it is given up (FAILED); one attempt per run. */
export const MAX_EMAIL_ATTEMPTS = 5;

export interface RemindersSettings {
  intervalMs: number;
  /** Days before expiry, largest first (config REMINDER_DAYS). */
  reminderDays: number[];
  /** Config STUCK_AFTER_DAYS. */
  stuckAfterDays: number;
}

interface Reminder {
  agreement: Agreement;
  kind: NotificationKind;
  /** Unique per agreement and person: what the reminder is about and its threshold. */
  key: string;
  text: NotificationText;
}

/**
 * Reminders for the people who must act:
 * - an MoU in force whose expiry is `d` days away or less, for the smallest threshold `t` of
 *   REMINDER_DAYS with `d ≤ t` (key `MOU_EXPIRING:<expiresOn>:<t>`: a renewal, with its new expiry
 *   day, is reminded afresh; a threshold skipped while no job ran is not sent late on top of a
 *   tighter one);
 * - an agreement before its MoU that has been at one step STUCK_AFTER_DAYS or longer (key
 *   `AGREEMENT_STUCK:<status>:<since>:<days>`: once per stay at a step).
 * Each goes to every active officer and to the active OPD editors of the OPDs with a live activity
 * on the agreement, once: the unique (user, agreement, key) index drops repeats from later runs or
 * other processes. With SMTP, e-mail follows; a failed e-mail leaves the notification in the app
 * and is tried again in the next run (MAX_EMAIL_ATTEMPTS in all).
 */
export class RemindersJob implements Job {
  readonly name = REMINDERS_JOB;
  readonly intervalMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly settings: RemindersSettings,
    private readonly mailer: Mailer | null,
  ) {
    this.intervalMs = settings.intervalMs;
  }

  async run({ now, logger }: { now: Date; logger: Logger }): Promise<string> {
    const day = toIsoDate(now);
    const reminders = [...(await this.expiring(day)), ...(await this.stuck(day))];
    const recipients = await this.recipients(reminders.map((r) => r.agreement.id));
    const sent = await this.alreadySent(reminders);
    let created = 0;
    for (const reminder of reminders) {
      for (const userId of recipients.get(reminder.agreement.id) ?? []) {
        // Most runs find every reminder sent already: skip those without a refused INSERT each.
        if (sent.has(`${userId}|${reminder.agreement.id}|${reminder.key}`)) continue;
        const notification = await this.notifications.create({
          userId,
          agreementId: reminder.agreement.id,
          kind: reminder.kind,
          reminderKey: reminder.key,
          subject: reminder.text.subject,
          message: reminder.text.message,
          emailStatus: this.mailer ? EmailStatus.PENDING : EmailStatus.NONE,
        });
        if (notification) created++;
      }
    }
    const mail = this.mailer ? await this.sendPending(this.mailer, reminders, logger) : null;
    return `${created} notification(s) made` + (mail ? `; e-mail: ${mail.sent} sent, ${mail.failed} failed` : '');
  }

  private async expiring(day: string): Promise<Reminder[]> {
    const largest = Math.max(...this.settings.reminderDays);
    const rows = await this.dataSource
      .getRepository(Agreement)
      .createQueryBuilder('agreement')
      .innerJoinAndSelect('agreement.partnerCity', 'partnerCity')
      .where('agreement.status = :status AND agreement.archivedAt IS NULL', { status: AgreementStatus.MOU_IN_FORCE })
      .andWhere('agreement.expiresOn >= :day AND agreement.expiresOn <= :until', { day, until: addDays(day, largest) })
      .orderBy('agreement.id')
      .getMany();
    return rows.map((agreement) => {
      const expiresOn = String(agreement.expiresOn);
      const daysLeft = daysBetween(day, expiresOn);
      const threshold = Math.min(...this.settings.reminderDays.filter((t) => daysLeft <= t));
      return {
        agreement,
        kind: NotificationKind.MOU_EXPIRING,
        key: `${NotificationKind.MOU_EXPIRING}:${expiresOn}:${threshold}`,
        text: mouExpiringText(agreement.partnerCity!, agreement.title, expiresOn, daysLeft),
      };
    });
  }

  private async stuck(day: string): Promise<Reminder[]> {
    const rows = await this.dataSource
      .getRepository(Agreement)
      .createQueryBuilder('agreement')
      .innerJoinAndSelect('agreement.partnerCity', 'partnerCity')
      .where('agreement.status IN (:...statuses) AND agreement.archivedAt IS NULL', { statuses: BEFORE_MOU })
      .orderBy('agreement.id')
      .getMany();
    const limit = this.settings.stuckAfterDays;
    return rows.flatMap((agreement) => {
      const since = toIsoDate(agreement.statusChangedAt);
      const atStep = daysBetween(since, day);
      if (atStep < limit) return [];
      return [
        {
          agreement,
          kind: NotificationKind.AGREEMENT_STUCK,
          key: `${NotificationKind.AGREEMENT_STUCK}:${agreement.status}:${since}:${limit}`,
          text: agreementStuckText(agreement.partnerCity!, agreement.title, agreement.status, since, atStep),
        },
      ];
    });
  }

  /** `user|agreement|key` of the reminders that went out already (the unique index still decides races). */
  private async alreadySent(reminders: Reminder[]): Promise<Set<string>> {
    if (!reminders.length) return new Set();
    const rows = await this.dataSource.getRepository(Notification).find({
      select: { userId: true, agreementId: true, reminderKey: true },
      where: { agreementId: In([...new Set(reminders.map((r) => r.agreement.id))]), reminderKey: In([...new Set(reminders.map((r) => r.key))]) },
    });
    return new Set(rows.map((row) => `${row.userId}|${row.agreementId}|${row.reminderKey}`));
  }

  /** Per agreement: the active officers, and the active OPD editors of the OPDs with a live activity on it. */
  private async recipients(agreementIds: number[]): Promise<Map<number, number[]>> {
    const result = new Map<number, number[]>();
    if (!agreementIds.length) return result;
    const users = this.dataSource.getRepository(User);
    const officers = (await users.find({ select: { id: true }, where: { role: Role.OFFICER, active: true }, order: { id: 'ASC' } })).map((u) => u.id);
    const activities = await this.dataSource
      .getRepository(DraftActivity)
      .createQueryBuilder('activity')
      .select(['activity.agreementId AS agreementId', 'activity.opdId AS opdId'])
      .distinct(true)
      .where({ agreementId: In(agreementIds), removedAt: IsNull() })
      .getRawMany<{ agreementId: number; opdId: number }>();
    const opdIds = [...new Set(activities.map((a) => Number(a.opdId)))];
    const editors = opdIds.length ? await users.find({ select: { id: true, opdId: true }, where: { role: Role.OPD_EDITOR, active: true, opdId: In(opdIds) }, order: { id: 'ASC' } }) : [];
    for (const id of agreementIds) {
      const opds = new Set(activities.filter((a) => Number(a.agreementId) === id).map((a) => Number(a.opdId)));
      result.set(id, [...officers, ...editors.filter((e) => opds.has(e.opdId!)).map((e) => e.id)]);
    }
    return result;
  }

  /** Sends every notification still waiting for its e-mail, one attempt each; failures are counted and tried next run. */
  private async sendPending(mailer: Mailer, reminders: Reminder[], logger: Logger): Promise<{ sent: number; failed: number }> {
    const repository = this.dataSource.getRepository(Notification);
    const pending = await repository.find({ where: { emailStatus: EmailStatus.PENDING }, order: { id: 'ASC' } });
    if (!pending.length) return { sent: 0, failed: 0 };
    const users = new Map((await this.dataSource.getRepository(User).findBy({ id: In([...new Set(pending.map((n) => n.userId))]) })).map((u) => [u.id, u]));
    // The e-mail body is the longer text of the reminder when this run made it; else the stored message.
    const bodies = new Map(reminders.map((r) => [`${r.agreement.id}|${r.key}`, r.text.emailText]));
    let sent = 0;
    let failed = 0;
    for (const notification of pending) {
      const user = users.get(notification.userId);
      if (!user?.active) {
        await repository.update({ id: notification.id }, { emailStatus: EmailStatus.NONE });
        continue;
      }
      try {
        await mailer.send({
          to: user.email,
          subject: notification.subject,
          text: bodies.get(`${notification.agreementId}|${notification.reminderKey}`) ?? notification.message.replace(' / ', '\n\n'),
        });
        await repository.update({ id: notification.id }, { emailStatus: EmailStatus.SENT, emailAttempts: notification.emailAttempts + 1 });
        sent++;
      } catch (error) {
        const attempts = notification.emailAttempts + 1;
        await repository.update({ id: notification.id }, { emailStatus: attempts >= MAX_EMAIL_ATTEMPTS ? EmailStatus.FAILED : EmailStatus.PENDING, emailAttempts: attempts });
        logger.warn({ err: error instanceof Error ? error.message : String(error), notificationId: notification.id, attempts }, 'reminder e-mail failed; the notification stays in the app');
        failed++;
      }
    }
    return { sent, failed };
  }
}
