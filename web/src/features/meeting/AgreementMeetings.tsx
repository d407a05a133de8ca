import { Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../common/QueryError';
import { formatFormalDate, formatStartTime } from './format';
import { ActionPlanHint, DocumentButtons } from './MeetingDocuments';
import { STATE_COLOR } from './MeetingPanel';
import { useLiveMeetings } from './useLiveMeetings';

/**
 * The agreement's drafting meetings on its page, by day: each with its state and, once closed, its
 * minutes to download; below them the MoU's activity annex and (once attached) the action plan.
 * Running a meeting happens on the board (MeetingPanel); this is the record, kept current like the
 * board's panel (a meeting scheduled, opened, closed or cancelled elsewhere shows without a reload).
 */
export function AgreementMeetings({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  // The board's meeting query: one cache entry for both pages. A meeting that closes brings the
  // agreement's documents (its activity annex), which are not the meeting's: read them again.
  const { data, error, refetch } = useLiveMeetings(agreementId, {
    onKnownMeetingPushed: (meeting) => {
      if (meeting.state === 'CLOSED') void refetch();
    },
  });

  let body;
  if (error && !data) body = <QueryError error={error} onRetry={() => void refetch()} />;
  else if (!data?.agreement) {
    body = (
      <Stack gap={6} aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton height={14} width="60%" />
        <Skeleton height={14} width="45%" />
      </Stack>
    );
  } else {
    const { meetings, generatedDocuments } = data.agreement;
    const agreementDocuments = generatedDocuments.filter((d) => d.kind !== 'MINUTES');
    const anyClosed = meetings.some((m) => m.state === 'CLOSED');
    body =
      meetings.length === 0 ? (
        <Text size="sm">{t('meeting.none')}</Text>
      ) : (
        <Stack gap="sm">
          <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="agreement-meetings">
            {meetings.map((meeting) => {
              const day = formatFormalDate(meeting.heldOn);
              const when = meeting.startTime ? t('meeting.when', { day, time: formatStartTime(meeting.startTime) }) : day;
              return (
                <Stack key={meeting.id} component="li" gap={4} data-testid="agreement-meeting" data-meeting-id={meeting.id} data-state={meeting.state}>
                  <Group gap="xs" wrap="wrap">
                    <Text fw={600} size="sm">
                      {meeting.title}
                    </Text>
                    <Badge color={STATE_COLOR[meeting.state]} variant="light" data-testid="agreement-meeting-state">
                      {t(`meeting.state.${meeting.state}`)}
                    </Badge>
                  </Group>
                  <Text size="sm">{when}</Text>
                  {meeting.state === 'CANCELLED' && meeting.cancelReason && (
                    <Text size="xs" c="dark.4">
                      {t('meeting.cancelReason', { reason: meeting.cancelReason })}
                    </Text>
                  )}
                  {meeting.state === 'CLOSED' && <DocumentButtons documents={meeting.documents} label={(document) => t('meeting.documents.downloadOf', { title: document.title, meeting: `${meeting.title}, ${day}` })} />}
                </Stack>
              );
            })}
          </Stack>
          {anyClosed && (
            <Stack gap="xs" data-testid="agreement-meeting-documents">
              <Text size="sm" fw={600}>
                {t('meeting.documents.ofAgreement')}
              </Text>
              <DocumentButtons documents={agreementDocuments} />
              <ActionPlanHint documents={agreementDocuments} />
            </Stack>
          )}
        </Stack>
      );
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="agreement-meetings-heading">
      <Title order={3} size="h4" mb="xs" id="agreement-meetings-heading">
        {t('meeting.list.heading')}
      </Title>
      {body}
    </Paper>
  );
}
