import { Button, Group, Modal, Paper, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditableField } from './permissions';

export interface Conflict {
  activityId: string;
  title: string;
  /** The fields someone else changed since this user's base version, with both values. */
  fields: { field: EditableField; yours: string; theirs: string }[];
}

interface Props {
  conflict: Conflict | null;
  busy: boolean;
  onResolve(choices: Record<string, 'yours' | 'theirs'>): void;
  onClose(): void;
}

/**
 * VERSION_CONFLICT: for each clashing field, this user's value next to the one saved meanwhile; the
 * user picks one per field (nothing is chosen for them, nothing is overwritten silently).
 */
export function ConflictDialog({ conflict, busy, onResolve, onClose }: Props) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<Record<string, 'yours' | 'theirs'>>({});
  const complete = conflict !== null && conflict.fields.every((f) => choices[f.field]);
  const display = (field: EditableField, value: string) => (field === 'decision' ? t(`board.decision.${value}`, { defaultValue: value }) : value || '—');

  return (
    <Modal
      opened={conflict !== null}
      onClose={onClose}
      title={t('board.conflict.title')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid="conflict-dialog"
      onExitTransitionEnd={() => setChoices({})}
    >
      {conflict && (
        <Stack>
          <Text size="sm">{t('board.conflict.intro', { title: conflict.title })}</Text>
          {conflict.fields.map(({ field, yours, theirs }) => (
            <Radio.Group
              key={field}
              label={t(`board.fields.${field}`)}
              value={choices[field] ?? null}
              onChange={(value) => setChoices((current) => ({ ...current, [field]: value as 'yours' | 'theirs' }))}
              data-testid={`conflict-${field}`}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
                <Paper withBorder p="sm">
                  <Stack gap="xs">
                    <Radio value="yours" label={t('board.conflict.useYours')} />
                    <Text size="xs" fw={700} c="dimmed">
                      {t('board.conflict.yours')}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="conflict-yours">
                      {display(field, yours)}
                    </Text>
                  </Stack>
                </Paper>
                <Paper withBorder p="sm">
                  <Stack gap="xs">
                    <Radio value="theirs" label={t('board.conflict.useTheirs')} />
                    <Text size="xs" fw={700} c="dimmed">
                      {t('board.conflict.theirs')}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="conflict-theirs">
                      {display(field, theirs)}
                    </Text>
                  </Stack>
                </Paper>
              </SimpleGrid>
            </Radio.Group>
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button disabled={!complete} loading={busy} onClick={() => onResolve(choices)}>
              {t('board.conflict.apply')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
