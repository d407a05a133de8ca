import { Anchor, AppShell, Burger, Button, Group, NavLink, SegmentedControl, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/AuthProvider';
import { graphql } from '../gql';
import { setLanguage, type Language } from '../i18n';

// Asked on every page load: a token that expired or was revoked while the tab was away ends the
// session here (UNAUTHENTICATED → sign-in with a message), not on the first click.
const MeQuery = graphql(`
  query Me {
    me {
      id
      name
      role
    }
  }
`);

/**
 * The frame of every signed-in page: header (name, language, sign-out), navigation, content.
 * Below Mantine's `md` (992 px: a tablet held upright) the navigation folds behind the menu
 * button (`md` = 62em), so the page's tables get the screen's whole width.
 */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { session, signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Folded away, the navigation only slides off-screen: hidden too, so Tab does not walk through it.
  const folded = useMediaQuery('(max-width: 61.99em)') && !opened;
  const location = useLocation();
  useQuery(MeQuery, { fetchPolicy: 'network-only' });
  const links = [
    { to: '/', label: t('nav.dashboard'), end: true },
    { to: '/laporan', label: t('nav.reports'), end: false },
    ...(session.user.role === 'ADMIN' ? [{ to: '/admin', label: t('nav.admin'), end: false }] : []),
  ];

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Anchor href="#main" className="skip-link">
          {t('app.skipToContent')}
        </Anchor>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('nav.openMenu')} aria-expanded={opened} aria-controls="main-navigation" />
            <Title order={1} size="h3">
              {t('app.name')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="sm" data-testid="signed-in-as">
              {t('nav.signedInAs', { name: session.user.name, role: t(`roles.${session.user.role}`) })}
            </Text>
            <VisuallyHidden id="language-label">{t('nav.language')}</VisuallyHidden>
            <SegmentedControl
              size="xs"
              aria-labelledby="language-label"
              value={i18n.language === 'en' ? 'en' : 'id'}
              onChange={(value) => setLanguage(value as Language)}
              data={[
                { value: 'id', label: 'ID' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Button variant="outline" size="xs" onClick={() => signOut()}>
              {t('nav.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="main-navigation" p="sm" aria-label={t('nav.mainNavigation')} component="nav" style={folded ? { visibility: 'hidden' } : undefined}>
        <Stack gap={4}>
          {links.map((link) => (
            <NavLink
              key={link.to}
              component={RouterNavLink}
              to={link.to}
              end={link.end}
              label={link.label}
              onClick={close}
              active={link.end ? location.pathname === link.to : location.pathname.startsWith(link.to)}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
