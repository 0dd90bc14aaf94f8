import { createContext, useContext, type ReactNode } from 'react';
import type { StudioClient } from '../../../src-main/contract';

const StudioContext = createContext<StudioClient | null>(null);

/** Gives every page the one studio client (IPC in Electron, HTTP + WebSocket in browser mode). */
export function StudioProvider({ client, children }: { client: StudioClient; children: ReactNode }) {
  return <StudioContext.Provider value={client}>{children}</StudioContext.Provider>;
}

export function useStudio(): StudioClient {
  const client = useContext(StudioContext);
  if (!client) throw new Error('useStudio() needs a <StudioProvider> above it');
  return client;
}
