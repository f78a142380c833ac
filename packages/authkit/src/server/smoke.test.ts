import { describe, expect, it } from 'vitest';
import { createTestInstance } from '../testing/create-test-instance.js';

describe('smoke', () => {
  it('signs up and reads the session', async () => {
    const t = await createTestInstance();
    const up = await t.client.signUp({ email: 'Ada@Example.com', password: 'correct horse' });
    expect(up.ok, JSON.stringify(up)).toBe(true);
    const s = await t.client.getSession();
    expect(s.ok && s.data.user?.email).toBe('ada@example.com');
    await t.close();
  });
});
