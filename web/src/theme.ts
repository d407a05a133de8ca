import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Shades chosen for contrast (axe-core, WCAG AA 4.5:1): Mantine's default filled blue (shade 6) and
// dimmed gray are below it on white, so filled colours use shade 8 and dimmed text gray 7.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  defaultRadius: 'md',
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Text of "light" badges, avatars and alerts: Mantine's shade 8 of the lighter hues is about 3:1 on
  // their tinted backgrounds; these darker tones reach 4.5:1.
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-placeholder': '#5c636a',
    '--mantine-color-green-light-color': '#1e6b2e',
    '--mantine-color-teal-light-color': '#0b6652',
    '--mantine-color-orange-light-color': '#9c3a00',
    '--mantine-color-yellow-light-color': '#7a4f00',
    '--mantine-color-red-light-color': '#b02525',
    '--mantine-color-cyan-light-color': '#0b5f6e',
    '--mantine-color-lime-light-color': '#3f6b0a',
    // Error text (field errors, required asterisks): red 9, as red 8 is below 4.5:1 on the light grey of striped rows.
    '--mantine-color-error': '#c92a2a',
  },
  dark: {},
});
