import { auth } from '@catalyst/next';

// Behind withApiGuard in proxy.ts: unauthenticated calls never reach this handler.
export async function GET() {
  const state = await auth();
  return Response.json({ userId: state?.userId ?? null, email: state?.user.email ?? null });
}
