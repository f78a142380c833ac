/** Shared by the instrumentation hook that stamps requests and the route handler that reads them. */
export const PEER_HEADER = 'x-catalyst-peer';

const RECORDING = Symbol.for('catalyst-next.record-socket-address');

type WithFlag = typeof globalThis & { [RECORDING]?: boolean };

/** True once `recordSocketAddress()` runs in this process: every request then carries its peer. */
export function isRecordingSocketAddress(): boolean {
  return (globalThis as WithFlag)[RECORDING] === true;
}

export function markRecordingSocketAddress(): boolean {
  const g = globalThis as WithFlag;
  if (g[RECORDING]) return false;
  g[RECORDING] = true;
  return true;
}
