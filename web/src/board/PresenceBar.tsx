import { Avatar, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BoardPresenceLiveSubscription } from '../gql/graphql';

type PresenceUser = BoardPresenceLiveSubscription['boardPresence']['users'][number];

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

/** Who is on the board now (this user first), and what each is editing. */
export function PresenceBar({ users, meId, titleOf }: { users: PresenceUser[]; meId: string; titleOf(activityId: string): string | undefined }) {
  const { t } = useTranslation();
  const sorted = [...users].sort((a, b) => (a.user.id === meId ? -1 : b.user.id === meId ? 1 : a.user.name.localeCompare(b.user.name)));
  return (
    <Group gap="xs" aria-label={t('board.presence')} role="group" data-testid="presence">
      <Text size="sm" fw={600}>
        {t('board.presence')}:
      </Text>
      {sorted.map((entry) => {
        const me = entry.user.id === meId;
        const doing =
          entry.activityId && entry.field
            ? t('board.presenceEditing', { name: me ? t('board.you') : entry.user.name, field: `${t(`board.fields.${entry.field}`, { defaultValue: entry.field })} — ${titleOf(entry.activityId) ?? ''}` })
            : null;
        const label = `${entry.user.name}${entry.user.opd ? ` (${entry.user.opd.code})` : ''}${me ? ` — ${t('board.you')}` : ''}`;
        return (
          <Tooltip key={entry.user.id} label={doing ?? label}>
            <Group gap={4} data-testid="presence-user" data-name={entry.user.name} tabIndex={0} aria-label={doing ? `${label}: ${doing}` : label}>
              <Avatar size="sm" color={me ? 'indigo' : 'teal'} radius="xl" aria-hidden="true">
                {initials(entry.user.name)}
              </Avatar>
              <Text size="sm">{label}</Text>
            </Group>
          </Tooltip>
        );
      })}
    </Group>
  );
}
