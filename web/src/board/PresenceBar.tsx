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

/**
 * Who is on the board now (this user first), and what each is editing. `stale`: the connection
 * dropped and the board is not live again yet (reconnecting, catching up), so the list is the last
 * one heard: the others are shown dimmed as "last seen", without what they were editing.
 */
export function PresenceBar({ users, meId, stale, titleOf }: { users: PresenceUser[]; meId: string; stale: boolean; titleOf(activityId: string): string | undefined }) {
  const { t } = useTranslation();
  const sorted = [...users].sort((a, b) => (a.user.id === meId ? -1 : b.user.id === meId ? 1 : a.user.name.localeCompare(b.user.name)));
  return (
    <Group gap="xs" aria-label={t('board.presence')} role="group" data-testid="presence">
      <Text size="sm" fw={600}>
        {t('board.presence')}:
      </Text>
      {sorted.map((entry) => {
        const me = entry.user.id === meId;
        const lastSeen = stale && !me;
        const doing =
          !lastSeen && entry.activityId && entry.field
            ? t('board.presenceEditing', { name: me ? t('board.you') : entry.user.name, field: `${t(`board.fields.${entry.field}`, { defaultValue: entry.field })} — ${titleOf(entry.activityId) ?? ''}` })
            : null;
        const label = `${entry.user.name}${entry.user.opd ? ` (${entry.user.opd.code})` : ''}${me ? ` — ${t('board.you')}` : ''}${lastSeen ? ` — ${t('board.lastSeen')}` : ''}`;
        return (
          <Tooltip key={entry.user.id} label={doing ?? label}>
            <Group gap={4} data-testid="presence-user" data-name={entry.user.name} data-present={!lastSeen} tabIndex={0} aria-label={doing ? `${label}: ${doing}` : label}>
              {/* Dimmed by colour, not opacity: the text keeps axe-core's 4.5:1 contrast. */}
              <Avatar size="sm" color={me ? 'indigo' : lastSeen ? 'gray.7' : 'teal'} variant={lastSeen ? 'outline' : 'light'} radius="xl" aria-hidden="true">
                {initials(entry.user.name)}
              </Avatar>
              <Text size="sm" c={lastSeen ? 'dark.4' : undefined} fs={lastSeen ? 'italic' : undefined}>
                {label}
              </Text>
            </Group>
          </Tooltip>
        );
      })}
    </Group>
  );
}
