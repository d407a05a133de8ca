import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOR } from './format';

/**
 * An agreement's status as a coloured badge. The text is near-black on the pale status colour:
 * Mantine's light variant writes shade 6 on shade 0, below the 4.5:1 contrast axe-core asks for.
 */
export function StatusBadge({ status, ...props }: { status: string } & Omit<BadgeProps, 'color' | 'children'>) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" c="dark.9" tt="none" data-status={status} styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }} {...props}>
      {t(`status.${status}`)}
    </Badge>
  );
}
