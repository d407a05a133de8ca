import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../data/apollo';
import { describeRefusal } from '../common/errors';

/**
 * A refused meeting change as a notification that says what to do: FORBIDDEN says who may; a
 * refused value (BAD_USER_INPUT) is worded in the page's language from its reason (describeRefusal,
 * the one wording of every refusal); a refused step (INVALID_TRANSITION) has no reason and keeps the
 * server's message, which names the rule.
 */
export function useMeetingFailure() {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const code = errorCode(error);
      const message = describeRefusal(error);
      const text = code === 'FORBIDDEN' ? t('meeting.errors.FORBIDDEN') : code === 'INVALID_TRANSITION' || code === 'BAD_USER_INPUT' ? message : t('meeting.errors.generic', { message });
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'red', message: text, autoClose: 8000 });
    },
    [t],
  );
}
