import { useMutation } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Collapse, Group, List, Modal, SimpleGrid, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/AuthProvider';
import type { AgreementStatus, MeetingPanelMeetingFragment, MeetingState } from '../../gql/graphql';
import { formErrors } from '../common/errors';
import { QueryError } from '../common/QueryError';
import { formatDateTime } from '../common/format';
import { AttendanceList } from './AttendanceList';
import { DecisionsByOpd } from './DecisionsByOpd';
import { formatFormalDate, formatStartTime } from './format';
import { MeetingDocuments } from './MeetingDocuments';
import { canManageMeetings, canScheduleMeeting } from './permissions';
import { NoteEditor } from './NoteEditor';
import { CancelMeetingMutation, CloseMeetingMutation, OpenMeetingMutation, RecordAgendaItemNoteMutation } from './queries';
import { ScheduleMeetingModal } from './ScheduleMeetingModal';
import { useLiveDecisions } from './useLiveDecisions';
import { useMeetingFailure } from './useMeetingFailure';
import { useLiveMeetings } from './useLiveMeetings';

/** Whether the panel is folded, kept for the tab (sessionStorage): a tablet's board stays in view for the whole meeting. */
const COLLAPSED_KEY = 'jalin.meetingPanel.collapsed';

function useCollapsed(): [boolean, (collapsed: boolean) => void] {
  const [collapsed, setCollapsed] = useState(() => {
    try {
      return sessionStorage.getItem(COLLAPSED_KEY) === 'true';
    } catch {
      return false; // storage refused (private mode): unfolded, as by default
    }
  });
  const set = useCallback((next: boolean) => {
    setCollapsed(next);
    try {
      sessionStorage.setItem(COLLAPSED_KEY, String(next));
    } catch {
      // remembered for this page only
    }
  }, []);
  return [collapsed, set];
}

export const STATE_COLOR: Record<MeetingState, string> = { SCHEDULED: 'blue', IN_PROGRESS: 'green', CLOSED: 'gray', CANCELLED: 'red' };

/** The meeting the board shows: the one in progress, else the next scheduled, else the last closed. */
export function currentMeeting<M extends Pick<MeetingPanelMeetingFragment, 'state'>>(meetings: M[]): M | null {
  return meetings.find((m) => m.state === 'IN_PROGRESS') ?? meetings.find((m) => m.state === 'SCHEDULED') ?? [...meetings].reverse().find((m) => m.state === 'CLOSED') ?? null;
}

interface Props {
  agreementId: string;
  status: AgreementStatus | undefined;
  /** The board's sequence number as this page has applied it: each board change moves it. */
  boardSeq: number;
}

/**
 * The meeting mode of the board: the drafting meeting (day, time, place, chair, agenda), its
 * attendance, the decisions as they are taken (asked again at each board change), and once it is
 * closed, its documents. `meetingUpdated` brings state and attendance changes made by others.
 */
export function MeetingPanel({ agreementId, status, boardSeq }: Props) {
  const { t } = useTranslation();
  const { session } = useSession();
  const me = session.user;
  const fail = useMeetingFailure();
  // A note on a decision comes as a meeting change: the decisions carry it. After a reconnect,
  // the decisions are read again too.
  const page = useLiveMeetings(agreementId, { onKnownMeetingPushed: () => live.refresh(), onReconnect: () => live.refresh() });
  const meetings = page.data?.agreement?.meetings;
  const meeting = currentMeeting(meetings ?? []);
  const live = useLiveDecisions(meeting?.id ?? null, meeting?.state ?? null, boardSeq);
  const [collapsed, setCollapsed] = useCollapsed();

  const [openMeeting, opening] = useMutation(OpenMeetingMutation);
  const [closeMeeting, closing] = useMutation(CloseMeetingMutation);
  const [confirmClose, setConfirmClose] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [scheduling, setScheduling] = useState(false);

  const defaultOpdIds = useMemo(() => [...new Set((page.data?.agreement?.activities ?? []).filter((a) => !a.removedAt).map((a) => a.opd.id))], [page.data]);

  if (page.error && !page.data) return <QueryError error={page.error} onRetry={() => void page.refetch()} />;
  if (!page.data) {
    return (
      <Card withBorder padding="md" aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton height={22} width="40%" mb="sm" />
        <Skeleton height={12} mb={6} />
        <Skeleton height={12} width="70%" />
      </Card>
    );
  }

  const manage = canManageMeetings(me);
  const mayScheduleAnother = status !== undefined && canScheduleMeeting(me, status) && (!meeting || meeting.state === 'CLOSED');
  if (!meeting && !mayScheduleAnother && status !== 'PLAN_DRAFTING') return null;

  const open = async (id: string) => {
    try {
      await openMeeting({ variables: { id } });
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('meeting.opened'), autoClose: 4000 });
    } catch (error) {
      fail(error);
    }
  };
  const close = async (id: string) => {
    try {
      await closeMeeting({ variables: { id } });
      setConfirmClose(false);
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('meeting.closed'), autoClose: 4000 });
    } catch (error) {
      setConfirmClose(false);
      fail(error);
    }
  };

  const scheduleButton = mayScheduleAnother && (
    <Button variant="light" onClick={() => setScheduling(true)}>
      {t('meeting.schedule')}
    </Button>
  );

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="meeting-heading" data-testid="meeting-panel" data-state={meeting?.state ?? 'NONE'} data-meeting-id={meeting?.id ?? ''}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Text size="xs" tt="uppercase" fw={700} c="dark.4">
              {t('meeting.heading')}
            </Text>
            <Group gap="xs">
              <Title order={3} size="h4" id="meeting-heading">
                {meeting?.title ?? t('meeting.heading')}
              </Title>
              {meeting && (
                <Badge color={STATE_COLOR[meeting.state]} variant="light" data-testid="meeting-state">
                  {t(`meeting.state.${meeting.state}`)}
                </Badge>
              )}
            </Group>
          </Stack>
          <Group gap="xs">
            {meeting && manage && meeting.state === 'SCHEDULED' && status === 'PLAN_DRAFTING' && (
              <Button onClick={() => void open(meeting.id)} loading={opening.loading}>
                {t('meeting.open')}
              </Button>
            )}
            {meeting && manage && meeting.state === 'IN_PROGRESS' && (
              <Button color="red" variant="outline" onClick={() => setConfirmClose(true)}>
                {t('meeting.close')}
              </Button>
            )}
            {meeting && manage && (meeting.state === 'SCHEDULED' || meeting.state === 'IN_PROGRESS') && (
              // Mantine's subtle red is too pale to read (3.3:1): a plain button with dark red text.
              <Button variant="default" c="red.9" onClick={() => setCancelling(true)}>
                {t('meeting.cancel')}
              </Button>
            )}
            {scheduleButton}
            {meeting && (
              <Button variant="default" onClick={() => setCollapsed(!collapsed)} aria-expanded={!collapsed} aria-controls="meeting-panel-body" data-testid="meeting-collapse">
                {t(collapsed ? 'meeting.expand' : 'meeting.collapse')}
              </Button>
            )}
          </Group>
        </Group>

        {!meeting ? (
          <Text size="sm">{t('meeting.none')}</Text>
        ) : (
          <Collapse in={!collapsed} id="meeting-panel-body" data-testid="meeting-panel-body" transitionDuration={0}>
            <Stack gap="sm">
            <MeetingFacts meeting={meeting} />
            {meeting.state === 'IN_PROGRESS' && (
              <Alert color="green" variant="light" data-testid="meeting-live-hint">
                {t('meeting.liveHint')}
              </Alert>
            )}
            {meeting.state === 'SCHEDULED' && (
              <Text size="sm" c="dimmed">
                {t('meeting.scheduledHint')}
              </Text>
            )}
            {meeting.state === 'CLOSED' && meeting.closedAt && <Text size="sm">{t('meeting.closedHint', { at: formatDateTime(meeting.closedAt) })}</Text>}
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
              <Stack gap="md">
                <Agenda meeting={meeting} mayNote={manage} />
                <AttendanceList meeting={meeting} me={me} />
              </Stack>
              <DecisionsByOpd meetingId={meeting.id} state={meeting.state} decisions={live.decisions} error={live.error} mayNote={manage} onNoted={live.refresh} />
            </SimpleGrid>
            {meeting.state === 'CLOSED' && <MeetingDocuments documents={[...meeting.documents, ...page.data.agreement!.generatedDocuments.filter((d) => d.kind !== 'MINUTES')]} />}
            </Stack>
          </Collapse>
        )}
      </Stack>

      <Modal opened={confirmClose} onClose={() => setConfirmClose(false)} title={t('meeting.confirmClose.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md">
          <Text size="sm">{t('meeting.confirmClose.body')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmClose(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red.9" loading={closing.loading} onClick={() => meeting && void close(meeting.id)}>
              {t('meeting.confirmClose.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {cancelling && meeting && (
        <CancelMeetingModal
          meetingId={meeting.id}
          inProgress={meeting.state === 'IN_PROGRESS'}
          onClose={() => setCancelling(false)}
          onCancelled={() => {
            setCancelling(false);
            notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('meeting.cancelled'), autoClose: 4000 });
          }}
        />
      )}
      {scheduling && (
        <ScheduleMeetingModal
          agreementId={agreementId}
          opened
          opds={page.data.opds}
          defaultOpdIds={defaultOpdIds}
          onClose={() => setScheduling(false)}
          onScheduled={() => {
            setScheduling(false);
            notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('meeting.form.scheduled'), autoClose: 4000 });
            void page.refetch();
          }}
        />
      )}
    </Card>
  );
}

function MeetingFacts({ meeting }: { meeting: MeetingPanelMeetingFragment }) {
  const { t } = useTranslation();
  const day = formatFormalDate(meeting.heldOn);
  const chair = [meeting.chairName, meeting.chairOffice].filter(Boolean).join(', ');
  const facts: [string, string, string][] = [
    ['date', t('meeting.date'), meeting.startTime ? t('meeting.when', { day, time: formatStartTime(meeting.startTime) }) : day],
    ['place', t('meeting.place'), meeting.place],
    ['chair', t('meeting.chair'), chair],
  ];
  return (
    <Stack gap={2}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" component="dl" m={0}>
        {facts.map(([key, label, value]) => (
          <div key={key}>
            <Text component="dt" size="xs" c="dark.4" fw={600}>
              {label}
            </Text>
            <Text component="dd" size="sm" m={0} data-testid={`meeting-${key}`}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {meeting.note && (
        <Text size="xs" c="dark.4" fs="italic">
          {meeting.note}
        </Text>
      )}
    </Stack>
  );
}

function Agenda({ meeting, mayNote }: { meeting: MeetingPanelMeetingFragment; mayNote: boolean }) {
  const { t } = useTranslation();
  const [recordNote] = useMutation(RecordAgendaItemNoteMutation);
  return (
    <Stack gap="xs" component="section" aria-labelledby="meeting-agenda-heading">
      <Title order={4} size="h6" id="meeting-agenda-heading">
        {t('meeting.agenda')}
      </Title>
      {meeting.agenda.length === 0 ? (
        <Text size="sm">{t('meeting.agendaEmpty')}</Text>
      ) : (
        <List type="ordered" size="sm" spacing={2} data-testid="meeting-agenda">
          {meeting.agenda.map((item) => (
            <List.Item key={item.id}>
              <Text size="sm" component="span" data-testid="agenda-title">
                {item.title}
              </Text>
              {/* A cancelled meeting takes no notes (the server refuses them). */}
              <NoteEditor note={item.note ?? null} subject={item.title} editable={mayNote && meeting.state !== 'CANCELLED'} onSave={(note) => recordNote({ variables: { id: item.id, note } })} testId="agenda-note" />
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/**
 * Calls a meeting off, after saying what that means and asking why (the reason is required and
 * kept on the meeting). A refusal about the reason is said under it.
 */
function CancelMeetingModal({ meetingId, inProgress, onClose, onCancelled }: { meetingId: string; inProgress: boolean; onClose(): void; onCancelled(): void }) {
  const { t } = useTranslation();
  const fail = useMeetingFailure();
  const [cancelMeeting, { loading }] = useMutation(CancelMeetingMutation);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('meeting.confirmCancel.reasonRequired'));
      return;
    }
    try {
      await cancelMeeting({ variables: { id: meetingId, reason: reason.trim() } });
      onCancelled();
    } catch (failure) {
      const fields = formErrors(failure, ['reason']).fields;
      if (fields.reason) setError(fields.reason);
      else {
        onClose();
        fail(failure);
      }
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('meeting.confirmCancel.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t(inProgress ? 'meeting.confirmCancel.bodyInProgress' : 'meeting.confirmCancel.body')}</Text>
          <Textarea
            label={t('meeting.confirmCancel.reason')}
            required
            autosize
            minRows={2}
            value={reason}
            error={error}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(null);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('meeting.confirmCancel.keep')}
            </Button>
            <Button type="submit" color="red.9" loading={loading}>
              {t('meeting.confirmCancel.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
