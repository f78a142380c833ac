import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import { generateApiTypes, outputFile } from '../scripts/generate-api-types.mjs';

test('src/api-types.ts matches the OpenAPI document the server serves', async () => {
  const expected: string = await generateApiTypes();
  const actual = await readFile(outputFile, 'utf8');
  // On failure: pnpm build && pnpm --filter @catalyst/stories generate:api-types
  expect(
    actual,
    'src/api-types.ts is stale: run `pnpm --filter @catalyst/stories generate:api-types`',
  ).toBe(expected);
});

test('public/mockServiceWorker.js is the worker of the installed msw', async () => {
  const installed = await readFile(
    createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'),
    'utf8',
  );
  const served = await readFile(new URL('../public/mockServiceWorker.js', import.meta.url), 'utf8');
  // On failure (msw was upgraded): pnpm --filter @catalyst/stories exec msw init
  expect(
    served,
    'public/mockServiceWorker.js is stale: run `pnpm --filter @catalyst/stories exec msw init`',
  ).toBe(installed);
});
