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
  // Error text (field errors, required asterisks): red 9, as red 8 is below 4.5:1 on the light grey of striped rows.
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-placeholder': '#5c636a', '--mantine-color-error': '#c92a2a' },
  dark: {},
});
