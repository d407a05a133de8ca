import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrors } from '../common/errors';

interface Props {
  note: string | null;
  /** What the note is on, for the editor's label ("Catatan untuk …"). */
  subject: string;
  /** Officers and admins write; others only read. */
  editable: boolean;
  onSave(note: string | null): Promise<unknown>;
  testId: string;
}

/**
 * A note on an agenda item or a decision: read by everyone, written by officers in a short inline
 * editor. An empty note removes it. A refusal is said under the field in the page's language
 * (formErrors: "Catatan paling banyak 2.000 karakter."); one about something else says the note was not saved.
 */
export function NoteEditor({ note, subject, editable, onSave, testId }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (draft === null) return;
    setSaving(true);
    try {
      await onSave(draft.trim() || null);
      setDraft(null);
      setError(null);
    } catch (failure) {
      const { fields, form } = formErrors(failure, ['note']);
      setError(fields.note ?? t('meeting.notes.failed', { message: form }));
    } finally {
      setSaving(false);
    }
  };

  if (draft !== null) {
    return (
      <Stack gap={4} data-testid={testId} data-editing="true">
        <Textarea
          label={t('meeting.notes.label', { subject })}
          autosize
          minRows={2}
          maxRows={8}
          size="xs"
          value={draft}
          error={error}
          onChange={(event) => {
            setDraft(event.currentTarget.value);
            setError(null);
          }}
        />
        <Group gap="xs">
          <Button size="compact-xs" loading={saving} onClick={() => void save()}>
            {t('meeting.notes.save')}
          </Button>
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => {
              setDraft(null);
              setError(null);
            }}
          >
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" data-testid={testId} data-editing="false">
      {note && (
        <Text size="xs" fs="italic" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }} data-testid="note-text">
          {note}
        </Text>
      )}
      {editable && (
        <Button size="compact-xs" variant="subtle" onClick={() => setDraft(note ?? '')} aria-label={t(note ? 'meeting.notes.editFor' : 'meeting.notes.addFor', { subject })}>
          {t(note ? 'meeting.notes.edit' : 'meeting.notes.add')}
        </Button>
      )}
    </Group>
  );
}
