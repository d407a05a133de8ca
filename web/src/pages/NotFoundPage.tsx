import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('common.notFound')}</Title>
      <Text>
        <Anchor component={Link} to="/">
          {t('common.backToDashboard')}
        </Anchor>
      </Text>
    </Stack>
  );
}
