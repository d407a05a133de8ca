import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { READABLE_ALERT, describeRefusal } from './errors';

/** A failed read, with what to do about it (try again; the message says what went wrong). */
export function QueryError({ error, onRetry }: { error: { message: string }; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" styles={READABLE_ALERT} title={t('features.loadFailed')}>
      <Text size="sm">{t('common.errorGeneric', { message: describeRefusal(error) })}</Text>
      {onRetry && (
        <Group mt="xs">
          <Button size="xs" variant="outline" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
