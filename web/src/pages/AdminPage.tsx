import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder of the scaffold: replaced by the full page. */
export function AdminPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('pages.admin')}</Title>
      <Text>{t('common.placeholder')}</Text>
    </Stack>
  );
}
