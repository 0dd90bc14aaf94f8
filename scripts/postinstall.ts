import { fileURLToPath } from 'node:url';
import { ensureElectronTypes } from './electron-types';

// Runs after `npm install`. Best effort: whatever fails here is reported and the install still succeeds.
const root = fileURLToPath(new URL('..', import.meta.url));
try {
  console.log(ensureElectronTypes(root));
} catch (error) {
  console.warn(`warning: could not fetch Electron's type declarations (${(error as Error).message.split('\n')[0]}); the type check of src-main/app will fail until 'npm install' succeeds in fetching them`);
}
