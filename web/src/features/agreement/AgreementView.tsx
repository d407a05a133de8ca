import { Alert, Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../auth/AuthProvider';
import type { AgreementStatus } from '../../gql/graphql';
import { BlockSkeleton } from '../common/PageSkeleton';
import { QueryError } from '../common/QueryError';
import { countryName, formatDate, formatDateTime } from '../common/format';
import { StatusBadge } from '../common/StatusBadge';
import { AgreementMeetings } from '../meeting/AgreementMeetings';
import { ACTION_FORMS } from './ActionForms';
import { NextSteps } from './NextSteps';
import { allowedActions, type ActionKey } from './permissions';
import { AgreementPageQuery } from './queries';

/** One agreement: partner, documents, the workflow's history and checklist, and the actions the role may take. */
export function AgreementView() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { session } = useSession();
  const { data, error, refetch } = useQuery(AgreementPageQuery, { variables: { id } });
  const [action, setAction] = useState<ActionKey | null>(null);

  if (error && !data) {
    return (
      <Stack>
        <Title order={2}>{t('pages.agreement')}</Title>
        <QueryError error={error} onRetry={() => void refetch()} />
      </Stack>
    );
  }
  if (!data) {
    return (
      <Stack aria-busy>
        <Title order={2}>{t('pages.agreement')}</Title>
        <BlockSkeleton height={90} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <BlockSkeleton height={220} />
          <BlockSkeleton height={220} />
        </SimpleGrid>
      </Stack>
    );
  }
  const agreement = data.agreement;
  if (!agreement) {
    return (
      <Stack>
        <Title order={2}>{t('pages.agreement')}</Title>
        <Alert color="orange" role="alert">
          {t('agreement.notFound')}{' '}
          <Anchor component={Link} to="/">
            {t('common.backToDashboard')}
          </Anchor>
        </Alert>
      </Stack>
    );
  }

  const status = agreement.status as AgreementStatus;
  const actions = allowedActions(session.user, status);
  const Form = action && actions.includes(action) ? ACTION_FORMS[action] : null;
  const opdsOnBoard = data.opds.filter((o) => agreement.activities.some((a) => !a.removedAt && a.opd.id === o.id));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t('pages.agreement')}
          </Text>
          <Title order={2}>{agreement.title}</Title>
          <Group gap="xs">
            <StatusBadge status={status} size="lg" data-testid="agreement-status" />
            <Text size="sm">{t('agreement.daysInStatus', { count: agreement.daysInStatus })}</Text>
          </Group>
        </Stack>
        <Button component={Link} to={`/perjanjian/${encodeURIComponent(agreement.id)}/papan`} variant="outline">
          {t('agreement.openBoard')}
        </Button>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="xs">
            {t('agreement.partner')}
          </Title>
          <Text fw={600} data-testid="partner-city">
            {agreement.partnerCity.name}
          </Text>
          <Text size="sm">
            {agreement.partnerCity.region}, {countryName(agreement.partnerCity.country)}
          </Text>
          <Text size="sm" mt="xs">
            {t(`agreement.kind.${agreement.kind}`)} · {agreement.fields.map((f) => t(`field.${f}`)).join(', ')}
          </Text>
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {agreement.scope}
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="xs">
            {t('agreement.keyDates')}
          </Title>
          <Table variant="vertical" withTableBorder={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>{t('agreement.loiSignedOn')}</Table.Th>
                <Table.Td>{formatDate(agreement.loiSignedOn)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('agreement.dprdApprovedOn')}</Table.Th>
                <Table.Td>{formatDate(agreement.dprdApprovedOn)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('agreement.mouSignedOn')}</Table.Th>
                <Table.Td>{formatDate(agreement.mouSignedOn)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('agreement.expiresOn')}</Table.Th>
                <Table.Td data-testid="expires-on">{formatDate(agreement.expiresOn)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          {t('agreement.actions.title')}
        </Title>
        {actions.length === 0 ? (
          <Text size="sm" data-testid="no-actions">
            {t(session.user.role === 'VIEWER' ? 'agreement.actions.noneViewer' : 'agreement.actions.noneHere', { role: t(`roles.${session.user.role}`), status: t(`status.${status}`) })}
          </Text>
        ) : (
          <Group gap="xs" data-testid="actions">
            {actions.map((key) => (
              <Button
                key={key}
                // Red actions end the agreement; shade 9 keeps their text readable (contrast 4.5:1) outlined or filled.
                variant={action === key ? 'filled' : key === 'cancel' || key === 'terminate' ? 'outline' : 'light'}
                color={key === 'cancel' || key === 'terminate' ? 'red.9' : undefined}
                onClick={() => setAction(action === key ? null : key)} aria-expanded={action === key}>
                {t(`agreement.actions.${key}`)}
              </Button>
            ))}
          </Group>
        )}
        {Form && (
          <div style={{ marginTop: 12 }}>
            <Form
              key={action}
              agreement={agreement}
              opds={action === 'presentation' && opdsOnBoard.length ? opdsOnBoard : data.opds}
              user={session.user}
              onCancel={() => setAction(null)}
              onDone={() => {
                setAction(null);
                void refetch();
              }}
            />
          </div>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="xs">
            {t('agreement.nextSteps')}
          </Title>
          <NextSteps steps={agreement.nextSteps} />
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="xs">
            {t('agreement.history')}
          </Title>
          <Timeline bulletSize={14} lineWidth={2} active={agreement.history.length - 1} data-testid="history">
            {agreement.history.map((h) => (
              <Timeline.Item key={h.id} title={t(`status.${h.toStatus}`)}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(h.at)}
                  {h.actor ? ` · ${h.actor.name}` : ''}
                </Text>
                {h.note && <Text size="sm">{h.note}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      </SimpleGrid>

      <AgreementMeetings agreementId={agreement.id} />

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          {t('agreement.documents')}
        </Title>
        {agreement.documents.length === 0 ? (
          <Text size="sm">{t('agreement.noDocuments')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table data-testid="documents">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('agreement.form.kind')}</Table.Th>
                  <Table.Th>{t('agreement.form.number')}</Table.Th>
                  <Table.Th>{t('agreement.form.signedOn')}</Table.Th>
                  <Table.Th>{t('agreement.validUntil')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {agreement.documents.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>{t(`agreement.documentKind.${d.kind}`)}</Table.Td>
                    <Table.Td>{d.number ?? '–'}</Table.Td>
                    <Table.Td>{formatDate(d.signedOn)}</Table.Td>
                    <Table.Td>{formatDate(d.validUntil)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {agreement.presentations.length > 0 && (
          <>
            <Title order={4} size="h5" mt="md" mb="xs">
              {t('agreement.presentations', { round: agreement.reviewRound })}
            </Title>
            <List size="sm">
              {agreement.presentations.map((p) => (
                <List.Item key={p.id}>
                  {p.opd.code} – {formatDate(p.presentedOn)}
                  {p.note ? `: ${p.note}` : ''}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Paper>
    </Stack>
  );
}
