import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { GlobalIdField, Node } from './node';
import { enumColumn, timestampColumn } from './column-types';
import { Agreement } from './agreement.entity';
import { User } from './user.entity';

export enum NotificationKind {
  MOU_EXPIRING = 'MOU_EXPIRING',
  AGREEMENT_STUCK = 'AGREEMENT_STUCK',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'Why a notification was sent',
  valuesConfig: {
    MOU_EXPIRING: { description: 'An MoU in force lapses within one of the reminder thresholds (REMINDER_DAYS, e.g. 180, 90 and 30 days)' },
    AGREEMENT_STUCK: { description: 'An agreement has stayed at one workflow step longer than STUCK_AFTER_DAYS' },
  },
});

/** Whether, and how far, the e-mail copy of a notification went out. */
export enum EmailStatus {
  /** No SMTP_URL when the notification was made: in the app only. */
  NONE = 'NONE',
  /** To be sent by the reminders job (again, after a failure, until MAX_EMAIL_ATTEMPTS). */
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** Given up after MAX_EMAIL_ATTEMPTS failures; the notification stays in the app. */
  FAILED = 'FAILED',
}

/**
 * A message for one user in the app (and by e-mail when SMTP is set up). Made by the reminders job
 * (src/jobs/reminders.job.ts): `reminderKey` names the reminder (kind, what it is about, threshold),
 * and the unique index on (user, agreement, reminderKey) makes each reminder reach each person once,
 * however often and in however many processes the job runs.
 */
@ObjectType({ implements: Node, description: 'A message for the signed-in user: an MoU about to lapse, an agreement stuck at one step' })
@Entity()
@Index(['userId', 'agreementId', 'reminderKey'], { unique: true })
@Index(['userId', 'readAt'])
@Index(['emailStatus'])
export class Notification {
  @GlobalIdField('Notification', { description: 'The opaque global id of the notification' })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column({ type: 'int' })
  agreementId: number;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreementId' })
  agreement?: Agreement;

  @Field(() => NotificationKind, { description: 'Why the notification was sent' })
  @Column(enumColumn())
  kind: NotificationKind;

  /** e.g. `MOU_EXPIRING:2027-03-14:90`: the reminder this is, once per user and agreement. */
  @Column({ type: 'varchar', length: 100 })
  reminderKey: string;

  @Field({ description: 'Short title (the e-mail subject), in Indonesian' })
  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Field({ description: 'The text in Indonesian, then " / " and the same in English' })
  @Column({ type: 'varchar', length: 1000 })
  message: string;

  @Field({ description: 'When the notification was made (UTC instant)' })
  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the user marked it read (markNotificationsRead); null while unread' })
  @Column({ ...timestampColumn, nullable: true })
  readAt: Date | null;

  @Column(enumColumn(16))
  emailStatus: EmailStatus;

  @Column({ type: 'int', default: 0 })
  emailAttempts: number;
}
