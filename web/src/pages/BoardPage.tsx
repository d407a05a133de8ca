import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function BoardPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('pages.board')}</Title>
      <Text>{t('common.placeholder')}</Text>
    </Stack>
  );
}
