/* global Response */
// The baseline: a Next route handler that answers 200 and does nothing else.
export function GET() {
  return new Response(null, { status: 200 });
}
