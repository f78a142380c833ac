// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

describe('the built package', () => {
  it('keeps "use client" at the top of every file that uses hooks', () => {
    if (!existsSync(dist)) throw new Error('dist/ is missing: run `pnpm build` before the tests');
    const files = readdirSync(dist, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const code = readFileSync(dist + file, 'utf8');
      if (/\bReact\.use[A-Z]|\bReact\.createContext/.test(code)) {
        expect(code.startsWith('"use client";'), `${file} uses hooks but lost "use client"`).toBe(
          true,
        );
      }
    }
  });

  it('marks every module that loads a client-only library "use client", so server components can import the package', () => {
    // React Server Components never evaluate a "use client" module on the server; they keep a
    // reference to it. TanStack Query and SWR create React contexts at import time, which React's
    // server build cannot, so every file that imports them must carry the directive. (The Next
    // example and the install test render server components that import this package for real.)
    const files = readdirSync(dist, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.js'));
    const clientOnly = /from\s*["'](@tanstack\/react-query|swr|@radix-ui\/react-primitive)["']/;
    const importing = files.filter((f) => clientOnly.test(readFileSync(dist + f, 'utf8')));
    expect(importing.length).toBeGreaterThan(0);
    for (const file of importing) {
      expect(readFileSync(dist + file, 'utf8').startsWith('"use client";'), file).toBe(true);
    }
  });
});
