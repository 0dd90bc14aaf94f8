import type { StudioBridge, StudioClient } from '../../../src-main/contract';
import { httpClient, ipcClient } from './studio-client';

const TOKEN_KEY = 'styleinject-token';

/**
 * The client for wherever the page runs: the Electron app's window.studio (IPC), or browser
 * mode, where the printed address carries the launch token in its fragment. The token is kept
 * for this tab only and taken out of the address bar.
 */
export function connectStudio(): StudioClient {
  const bridge = (window as unknown as { studio?: StudioBridge }).studio;
  if (bridge) return ipcClient(bridge);
  const fromUrl = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
  if (!token) throw new Error('This page needs the address the studio printed when it started (it carries a one-time token). Open that address.');
  return httpClient(window.location.origin, token);
}
