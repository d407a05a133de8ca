import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/AuthProvider';
import type { GeneratedDocumentKind } from '../../gql/graphql';
import { downloadWithToken } from '../reports/download';

export interface DocumentRef {
  kind: GeneratedDocumentKind;
  name: string;
  title: string;
  url: string;
}

/**
 * Download buttons for Jalin's generated documents, each fetched with the session's token (a plain
 * link cannot send it). `label` names the button for assistive technology when several meetings'
 * minutes share a page.
 */
export function DocumentButtons({ documents, label }: { documents: DocumentRef[]; label?: (document: DocumentRef) => string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [busy, setBusy] = useState<string | null>(null);

  const download = async (document: DocumentRef) => {
    setBusy(document.url);
    try {
      const name = await downloadWithToken(session.token, document.url, document.name);
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('meeting.documents.downloaded', { name }), autoClose: 3000 });
    } catch (error) {
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'red', message: t('meeting.documents.failed', { message: error instanceof Error ? error.message : String(error) }), autoClose: 8000 });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Group gap="xs">
      {documents.map((document) => (
        <Button key={document.url} variant="light" size="sm" loading={busy === document.url} onClick={() => void download(document)} aria-label={label?.(document)} data-testid="meeting-document" data-kind={document.kind}>
          {t('meeting.documents.download', { title: document.title })}
        </Button>
      ))}
    </Group>
  );
}

/** The documents of a closed meeting: its minutes, the MoU's activity annex and (once attached) the action plan. */
export function MeetingDocuments({ documents }: { documents: DocumentRef[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="meeting-documents-heading" data-testid="meeting-documents">
      <Title order={4} size="h6" id="meeting-documents-heading">
        {t('meeting.documents.heading')}
      </Title>
      <DocumentButtons documents={documents} />
      <ActionPlanHint documents={documents} />
    </Stack>
  );
}

/** Says when the action plan comes, while it is not among the documents. */
export function ActionPlanHint({ documents }: { documents: DocumentRef[] }) {
  const { t } = useTranslation();
  if (documents.some((document) => document.kind === 'ACTION_PLAN')) return null;
  return (
    <Text size="xs" c="dimmed">
      {t('meeting.documents.noActionPlan')}
    </Text>
  );
}
