import { createTheme } from '@mantine/core';

/** Dark by default, as artists' tools are; focus rings on keyboard use (:focus-visible). */
export const theme = createTheme({
  primaryColor: 'violet',
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: '600' },
  cursorType: 'pointer',
});
