import { useMutation } from '@apollo/client/react';
import { Alert, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeetingPanelDecisionsFragment, MeetingState } from '../../gql/graphql';
import { NoteEditor } from './NoteEditor';
import { RecordDecisionNoteMutation } from './queries';

/** Writing a note on a decision: who may, and how it is saved. */
interface DecisionNotes {
  editable: boolean;
  save(activityId: string, note: string | null): Promise<unknown>;
}

const KINDS = ['approved', 'added', 'removed', 'revised', 'undecided'] as const;
type Kind = (typeof KINDS)[number];

/**
 * What the meeting decided, by OPD, as the server computes it from the board's log: approved,
 * added, reduced, revised (each field before → after) and left undecided. "So far" while the
 * meeting runs, frozen once it is closed.
 */
export function DecisionsByOpd({
  meetingId,
  state,
  decisions,
  error,
  mayNote,
  onNoted,
}: {
  meetingId: string;
  state: MeetingState;
  decisions: MeetingPanelDecisionsFragment | null;
  error: Error | null;
  /** Officers and admins note decisions (while in progress or once closed: the only states with decisions). */
  mayNote: boolean;
  /** A note was saved: the decisions, which carry it, are asked again. */
  onNoted(): void;
}) {
  const { t } = useTranslation();
  const final = state === 'CLOSED';
  const [recordNote] = useMutation(RecordDecisionNoteMutation);
  const notes: DecisionNotes = {
    editable: mayNote,
    save: async (activityId, note) => {
      await recordNote({ variables: { meetingId, activityId, note } });
      onNoted();
    },
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="meeting-decisions-heading" data-testid="meeting-decisions" data-to-seq={decisions?.toSeq ?? ''} data-final={decisions?.final ? 'true' : 'false'}>
      <Title order={4} size="h6" id="meeting-decisions-heading">
        {t(final ? 'meeting.decisions.headingFinal' : 'meeting.decisions.headingLive')}
      </Title>
      {state === 'SCHEDULED' ? (
        <Text size="sm">{t('meeting.decisions.notYet')}</Text>
      ) : error ? (
        <Alert color="red" role="alert" variant="light">
          {t('meeting.decisions.loadFailed', { message: error.message })}
        </Alert>
      ) : !decisions ? (
        <Stack gap={6} aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton height={14} width="50%" />
          <Skeleton height={12} />
          <Skeleton height={12} width="80%" />
        </Stack>
      ) : decisions.byOpd.length === 0 ? (
        <Text size="sm">{t('meeting.decisions.empty')}</Text>
      ) : (
        decisions.byOpd.map((group) => (
          <Stack key={group.opd.id} gap={4} data-testid="decision-group" data-opd={group.opd.code}>
            <Text size="sm" fw={700}>
              {group.opd.code} — {group.opd.name}
            </Text>
            {KINDS.filter((kind) => group[kind].length > 0).map((kind) => (
              <DecisionKind key={kind} kind={kind} group={group} notes={notes} />
            ))}
          </Stack>
        ))
      )}
    </Stack>
  );
}

function DecisionKind({ kind, group, notes }: { kind: Kind; group: MeetingPanelDecisionsFragment['byOpd'][number]; notes: DecisionNotes }) {
  const { t } = useTranslation();
  const shownValue = (value: string | null) => (value === null || value === '' ? t('meeting.decisions.empty_value') : value);
  return (
    <div>
      <Text size="sm" fw={600}>
        {t(`meeting.decisions.${kind}`)} ({group[kind].length})
      </Text>
      <List size="sm" spacing={2} withPadding>
        {kind === 'revised'
          ? group.revised.map((activity) => (
              <List.Item key={activity.activityId} data-testid="decision" data-kind={kind} data-activity-id={activity.activityId}>
                <Text size="sm" component="span">
                  {activity.title}
                </Text>
                <List size="xs" withPadding listStyleType="none">
                  {activity.changes.map((change) => (
                    <List.Item key={change.field} data-testid="decision-change" data-field={change.field}>
                      <Text size="xs" c="dark.6" style={{ overflowWrap: 'anywhere' }}>
                        {t('meeting.decisions.change', { field: t(`meeting.field.${change.field}`), before: shownValue(change.before), after: shownValue(change.after) })}
                      </Text>
                    </List.Item>
                  ))}
                </List>
                <NoteEditor note={activity.note ?? null} subject={activity.title} editable={notes.editable} onSave={(note) => notes.save(activity.activityId, note)} testId="decision-note" />
              </List.Item>
            ))
          : group[kind].map((activity) => (
              <List.Item key={activity.activityId} data-testid="decision" data-kind={kind} data-activity-id={activity.activityId}>
                <Text size="sm" component="span" style={{ overflowWrap: 'anywhere' }}>
                  {activity.title}
                </Text>
                <NoteEditor note={activity.note ?? null} subject={activity.title} editable={notes.editable} onSave={(note) => notes.save(activity.activityId, note)} testId="decision-note" />
              </List.Item>
            ))}
      </List>
    </div>
  );
}
