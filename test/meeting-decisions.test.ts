import { BoardEventKind } from '../src/entities';
import type { ActivitySnapshot } from '../src/entities/activity-snapshot';
import { formatIndonesianDate, formatIndonesianTime } from '../src/i18n/dates';
import { computeDecisions, type ActivityState } from '../src/services/meeting-decisions';

const state = (id: number, extra: Partial<ActivityState> = {}): ActivityState => ({
  id, opdId: 1, title: `A${id}`, scope: 's', benefit: 'b', output: 'o', year: null, budgetEstimate: null, fundingSource: null, decision: 'PROPOSED', position: `a${id}`, removed: false, ...extra,
});
const snap = (s: ActivityState): ActivitySnapshot =>
  ({ ...s, agreementId: 1, version: 2, fieldVersions: {}, updatedById: null, removedAt: s.removed ? '2024-01-01T00:00:00.000Z' : null, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' }) as unknown as ActivitySnapshot;
const event = (seq: number, kind: BoardEventKind, s: ActivityState) => ({ seq, kind, activityId: s.id, snapshot: snap(s) });

describe('the decisions of a meeting, from the board at opening and the events tagged with it', () => {
  const opening = { seq: 10, activities: [state(1), state(2), state(3, { decision: 'ACCEPTED' }), state(4, { opdId: 2 })] };

  it('sorts each touched activity into approved, added, removed and revised, and lists what is left undecided', () => {
    const result = computeDecisions(
      opening,
      [
        event(11, BoardEventKind.UPDATED, state(1, { decision: 'ACCEPTED' })),
        event(12, BoardEventKind.UPDATED, state(2, { title: 'A2 revised', budgetEstimate: 5_000_000 })),
        event(13, BoardEventKind.REMOVED, state(4, { opdId: 2, removed: true })),
        event(14, BoardEventKind.ADDED, state(5, { opdId: 2, position: 'a0' })),
        event(15, BoardEventKind.ADDED, state(6)),
        event(16, BoardEventKind.REMOVED, state(6, { removed: true })),
        event(17, BoardEventKind.MOVED, state(3, { decision: 'ACCEPTED', position: 'a9' })),
      ],
      17,
    );
    expect(result).toEqual({
      fromSeq: 10,
      toSeq: 17,
      eventSeqs: [11, 12, 13, 14, 15, 16, 17],
      byOpd: [
        {
          opdId: 1,
          approved: [{ activityId: 1, title: 'A1', position: 'a1' }],
          added: [],
          removed: [],
          revised: [{ activityId: 2, title: 'A2 revised', position: 'a2', changes: [{ field: 'title', before: 'A2', after: 'A2 revised' }, { field: 'budgetEstimate', before: null, after: '5000000' }] }],
          undecided: [{ activityId: 2, title: 'A2 revised', position: 'a2' }],
        },
        { opdId: 2, approved: [], added: [{ activityId: 5, title: 'A5', position: 'a0' }], removed: [{ activityId: 4, title: 'A4', position: 'a4' }], revised: [], undecided: [{ activityId: 5, title: 'A5', position: 'a0' }] },
      ],
    });
  });

  it('reports no revision when a field ends as it began, and no decision without events', () => {
    const result = computeDecisions(opening, [event(11, BoardEventKind.UPDATED, state(1, { scope: 'x' })), event(12, BoardEventKind.UPDATED, state(1))], 12);
    expect(result.byOpd.flatMap((g) => g.revised)).toEqual([]);
    expect(computeDecisions({ seq: 3, activities: [state(1, { decision: 'ACCEPTED' })] }, [], 3)).toEqual({ fromSeq: 3, toSeq: 3, eventSeqs: [], byOpd: [] });
  });
});

describe('Indonesian formal dates', () => {
  it('writes the weekday, the day, the month and the year as the city’s letters do', () => {
    expect(formatIndonesianDate('2019-03-14')).toBe('Kamis, 14 Maret 2019');
    expect(formatIndonesianDate('2019-02-18')).toBe('Senin, 18 Februari 2019');
    expect(formatIndonesianDate('2024-02-29')).toBe('Kamis, 29 Februari 2024');
    expect(formatIndonesianDate('2020-12-06')).toBe('Minggu, 6 Desember 2020');
    expect(() => formatIndonesianDate('2019-02-30')).toThrow(RangeError);
    expect(() => formatIndonesianDate('14/03/2019')).toThrow(RangeError);
  });

  it('writes a time of day with a point, as Indonesian letters do', () => {
    expect(formatIndonesianTime('09:00')).toBe('09.00');
    expect(formatIndonesianTime('13:30')).toBe('13.30');
    expect(() => formatIndonesianTime('9 am')).toThrow(RangeError);
  });
});
