import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Badge, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from './boardState';
import { EDITABLE_FIELDS, type EditableField } from './permissions';

export type Draft = Record<EditableField, string>;

/** Someone else editing a field of an activity (a soft lock: shown, not enforced). */
export interface FieldLock {
  field: string | null;
  name: string;
}

export function draftOf(activity: Activity): Draft {
  return { title: activity.title, scope: activity.scope, benefit: activity.benefit, output: activity.output, decision: activity.decision };
}

interface Props {
  activity: Activity;
  index: number;
  count: number;
  editable: boolean;
  movable: boolean;
  /** Why it is read-only for this user (another OPD's), or null. */
  readOnlyReason: string | null;
  locks: FieldLock[];
  editing: { base: Activity; draft: Draft } | null;
  saving: boolean;
  onEdit(): void;
  onDraft(draft: Draft): void;
  onFocusField(field: EditableField | null): void;
  onSave(): void;
  onCancel(): void;
  onRemove(): void;
  onMove(direction: -1 | 1): void;
}

const MULTILINE: EditableField[] = ['scope', 'benefit', 'output'];

export function ActivityCard(props: Props) {
  const { t } = useTranslation();
  const { activity, editing } = props;
  const sortable = useSortable({ id: activity.id, disabled: !props.movable || editing !== null });
  const style = { transform: CSS.Transform.toString(sortable.transform), transition: sortable.transition };
  const headingId = `activity-${activity.id}-title`;
  const lockOf = (field: string) => props.locks.find((lock) => lock.field === field);
  const [focused, setFocused] = useState<EditableField | null>(null);

  const fieldLabel = (field: EditableField) => t(`board.fields.${field}`);
  const lockNote = (field: EditableField) => {
    const lock = lockOf(field);
    return lock ? t('board.lockedBy', { name: lock.name }) : undefined;
  };

  return (
    <Card
      ref={sortable.setNodeRef}
      style={{ ...style, opacity: sortable.isDragging ? 0.6 : 1 }}
      withBorder
      shadow={sortable.isDragging ? 'md' : 'xs'}
      padding="md"
      bg={props.readOnlyReason ? 'gray.0' : undefined}
      component="li"
      aria-labelledby={headingId}
      data-testid="activity"
      data-activity-id={activity.id}
      data-version={activity.version}
      data-readonly={props.editable ? 'false' : 'true'}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Group align="flex-start" wrap="nowrap" gap="sm" style={{ minWidth: 0, flex: 1 }}>
          {props.movable && (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              ref={sortable.setActivatorNodeRef}
              {...sortable.attributes}
              {...sortable.listeners}
              aria-label={t('board.dragHandle', { title: activity.title })}
              data-testid="drag-handle"
              style={{ cursor: 'grab', touchAction: 'none' }}
            >
              <span aria-hidden="true">⠿</span>
            </ActionIcon>
          )}
          <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Group gap="xs" wrap="nowrap" align="baseline">
              <Text size="sm" fw={700} c="dimmed" aria-hidden="true">
                {props.index + 1}.
              </Text>
              <Title order={3} size="h5" id={headingId} data-testid="activity-title">
                {activity.title}
              </Title>
            </Group>
            <Group gap="xs">
              <Badge variant="light" color="indigo">
                {activity.opd.code}
              </Badge>
              <Badge variant="light" color={activity.decision === 'ACCEPTED' ? 'green' : 'gray'} data-testid="activity-decision">
                {t(`board.decision.${activity.decision}`)}
              </Badge>
              {props.readOnlyReason && (
                <Badge variant="outline" color="gray" data-testid="readonly-badge">
                  {props.readOnlyReason}
                </Badge>
              )}
              {props.locks.map((lock) => (
                <Badge key={`${lock.name}-${lock.field}`} variant="light" color="orange" data-testid="field-lock">
                  {lock.field
                    ? t('board.presenceEditing', { name: lock.name, field: t(`board.fields.${lock.field}`, { defaultValue: lock.field }) })
                    : lock.name}
                </Badge>
              ))}
            </Group>
          </Stack>
        </Group>
        {props.editable && !editing && (
          <Group gap={4} wrap="nowrap">
            {props.movable && (
              <>
                <Tooltip label={t('board.moveUp')}>
                  <ActionIcon variant="default" disabled={props.index === 0} onClick={() => props.onMove(-1)} aria-label={`${t('board.moveUp')}: ${activity.title}`}>
                    <span aria-hidden="true">↑</span>
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('board.moveDown')}>
                  <ActionIcon
                    variant="default"
                    disabled={props.index === props.count - 1}
                    onClick={() => props.onMove(1)}
                    aria-label={`${t('board.moveDown')}: ${activity.title}`}
                  >
                    <span aria-hidden="true">↓</span>
                  </ActionIcon>
                </Tooltip>
              </>
            )}
            <Button size="xs" variant="light" onClick={props.onEdit} aria-label={`${t('board.edit')}: ${activity.title}`}>
              {t('board.edit')}
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={props.onRemove} aria-label={`${t('board.remove')}: ${activity.title}`}>
              {t('board.remove')}
            </Button>
          </Group>
        )}
      </Group>

      {editing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            props.onSave();
          }}
          aria-label={t('board.editing', { title: activity.title })}
        >
          <Stack gap="sm" mt="sm">
            {EDITABLE_FIELDS.map((field) => {
              const common = {
                label: fieldLabel(field),
                description: lockNote(field),
                value: editing.draft[field],
                onFocus: () => {
                  setFocused(field);
                  props.onFocusField(field);
                },
                onBlur: () => setFocused((current) => (current === field ? null : current)),
                'data-field': field,
                styles: lockOf(field) ? { input: { borderColor: 'var(--mantine-color-orange-7)' } } : undefined,
              };
              if (field === 'decision') {
                return (
                  <NativeSelect
                    key={field}
                    {...common}
                    data={[
                      { value: 'PROPOSED', label: t('board.decision.PROPOSED') },
                      { value: 'ACCEPTED', label: t('board.decision.ACCEPTED') },
                    ]}
                    onChange={(event) => props.onDraft({ ...editing.draft, decision: event.currentTarget.value })}
                  />
                );
              }
              if (MULTILINE.includes(field)) {
                return <Textarea key={field} {...common} autosize minRows={2} maxRows={8} onChange={(event) => props.onDraft({ ...editing.draft, [field]: event.currentTarget.value })} />;
              }
              return <TextInput key={field} {...common} required onChange={(event) => props.onDraft({ ...editing.draft, [field]: event.currentTarget.value })} />;
            })}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={props.onCancel}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={props.saving} data-focused-field={focused ?? undefined}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap={6} mt="sm">
          {(['scope', 'benefit', 'output'] as const).map((field) => (
            <div key={field}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                {fieldLabel(field)}
              </Text>
              <Text size="sm" data-testid={`activity-${field}`} style={{ whiteSpace: 'pre-wrap' }}>
                {activity[field] || '—'}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
