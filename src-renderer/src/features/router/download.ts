/** Saves bytes as a file through the browser's download (Electron asks where, a browser saves to Downloads). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has read the URL by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from a study's name: letters, digits, '-' and '_' only. */
export const fileStem = (name: string) => name.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'router-study';
