import { contextBridge, ipcRenderer } from 'electron';
import { studioBridge } from './studio-bridge';

// The sandboxed page gets the studio contract and nothing else.
contextBridge.exposeInMainWorld('studio', studioBridge(ipcRenderer));
