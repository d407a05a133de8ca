import type { DraftActivity } from './draft-activity.entity';

/** The JSON form of an activity that the board log keeps, so that replays need no other table. */
export type ActivitySnapshot = Omit<DraftActivity, 'agreement' | 'opd' | 'createdAt' | 'updatedAt' | 'removedAt'> & {
  createdAt: string;
  updatedAt: string;
  removedAt: string | null;
};

export function snapshotOf(activity: DraftActivity): ActivitySnapshot {
  const { agreement: _agreement, opd: _opd, ...plain } = activity;
  return {
    ...plain,
    createdAt: new Date(activity.createdAt).toISOString(),
    updatedAt: new Date(activity.updatedAt).toISOString(),
    removedAt: activity.removedAt ? new Date(activity.removedAt).toISOString() : null,
  };
}
