// Runs once when the server starts: seeds the first admin so a fresh demo can be signed into.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { seedAdmin } = await import('./lib/seed-admin');
  await seedAdmin();
}
