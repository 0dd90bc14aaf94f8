import { contextBridge } from 'electron';

// The preload exposes only the studio contract (added with the studio issue), never ipcRenderer.
contextBridge.exposeInMainWorld('studio', { version: '0.1.0' });
