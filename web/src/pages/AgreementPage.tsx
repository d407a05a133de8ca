import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Placeholder of the scaffold: replaced by the full page. */
export function AgreementPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('pages.agreement')}</Title>
      <Text>{t('common.placeholder')}</Text>
      <Anchor component={Link} to="papan">{t('pages.board')}</Anchor>
    </Stack>
  );
}
