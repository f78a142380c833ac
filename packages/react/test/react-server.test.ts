// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

describe('the built package', () => {
  it('keeps "use client" at the top of every file that uses hooks', () => {
    if (!existsSync(dist)) throw new Error('dist/ is missing: run `pnpm build` before the tests');
    const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
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

  it('imports under the react-server condition, as a server component would', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--conditions=react-server',
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(dist + 'index.js')}); console.log(Object.keys(m).sort().join(','))`,
      ],
      { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) },
    );
    expect(out.trim().split(',')).toEqual(
      expect.arrayContaining([
        'AuthProvider',
        'Gate',
        'SignIn',
        'SignUp',
        'SignedIn',
        'SignedOut',
        'useSession',
        'useUser',
      ]),
    );
  });
});
