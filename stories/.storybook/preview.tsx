import { createAuthClient } from '@catalyst/authkit';
import { AuthProvider } from '@catalyst/react';
import type { Decorator, Preview } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { mswLoader } from 'msw-storybook-addon/csf3';
import * as React from 'react';
import { authHandlers } from '../src/handlers';
import { startWorker } from '../src/msw';
// The optional theme, inlined so the toolbar can switch it on and off per story.
import themeCss from '@catalyst/react/styles.css?inline';

export type Theme = 'unstyled' | 'themed';

/** `data-story-theme` on a wrapper; the stylesheet is applied only when the toolbar says `themed`. */
const withTheme: Decorator = (Story, { globals }) => {
  const theme: Theme = globals.theme === 'themed' ? 'themed' : 'unstyled';
  return (
    <div data-story-theme={theme}>
      {theme === 'themed' ? <style>{themeCss}</style> : null}
      <Story />
    </div>
  );
};

function StoryAuthProvider({ children }: { children: React.ReactNode }) {
  // Fresh clients per story: no session or cached query leaks from one story into the next.
  const [client] = React.useState(() => createAuthClient({ baseUrl: window.location.origin }));
  // No retries by default (our own queries set their retry policy: 5xx are retried twice).
  const [queryClient] = React.useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider client={client}>{children}</AuthProvider>
    </QueryClientProvider>
  );
}

/** Every story renders inside an `<AuthProvider>` talking to the MSW-mocked API. */
const withAuth: Decorator = (Story, { id }) => (
  <StoryAuthProvider key={id}>
    <Story />
  </StoryAuthProvider>
);

const preview: Preview = {
  loaders: [mswLoader(startWorker)],
  decorators: [withAuth, withTheme],
  parameters: {
    // Handlers are grouped by name; a story replaces a group (`auth: authHandlers.signedIn()`)
    // and keeps the others. Anything unhandled fails the story (src/msw.ts).
    msw: { handlers: { auth: authHandlers.signedOut } },
    // An axe violation fails the story's test.
    a11y: { test: 'error' },
    controls: { matchers: { date: /At$/ } },
  },
  globalTypes: {
    theme: {
      description: 'Stylesheet for the default compositions',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'unstyled', title: 'Unstyled' },
          { value: 'themed', title: 'Themed (styles.css)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'unstyled' satisfies Theme },
};

export default preview;
