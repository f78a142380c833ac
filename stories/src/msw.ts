import { isCommonAssetRequest } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { AUTH_BASE_PATH } from './handlers/api';

/**
 * The MSW worker behind every story (Storybook and the browser tests alike), started by
 * `mswLoader(startWorker)` in .storybook/preview.tsx. Story handlers come from
 * `parameters.msw.handlers`; any other request to the API or off this origin is an error:
 * the request fails, MSW logs a console error and the test setup (.storybook/vitest.setup.ts)
 * fails the story.
 */

const unhandled: string[] = [];

/** Requests no handler answered since the last call (the test setup fails the story on any). */
export function takeUnhandledRequests(): string[] {
  return unhandled.splice(0);
}

// What the dev server (Vite, Storybook, Vitest) serves itself: never mocked, never an error.
const DEV_SERVER =
  /^\/(@|__vitest|node_modules\/|sb-|index\.json$|iframe\.html$|mockServiceWorker\.js$)|\/virtual:|\.stories\./;

function isDevServerRequest(request: Request): boolean {
  const url = new URL(request.url);
  if (url.origin !== window.location.origin) return false; // off-origin is the network: error
  if (url.pathname.startsWith(`${AUTH_BASE_PATH}/`)) return false; // our API must be mocked
  return isCommonAssetRequest(request) || DEV_SERVER.test(url.pathname);
}

export async function startWorker(): Promise<SetupWorker> {
  const worker = setupWorker();
  await worker.start({
    quiet: true,
    serviceWorker: { url: '/mockServiceWorker.js' },
    onUnhandledRequest(request, print) {
      if (isDevServerRequest(request)) return;
      unhandled.push(`${request.method} ${request.url}`);
      // Logs a console error and fails the request (TypeError: Failed to fetch): nothing
      // unmocked reaches a server.
      print.error();
    },
  });
  return worker;
}
