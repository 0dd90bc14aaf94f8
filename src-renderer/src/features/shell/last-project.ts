const KEY = 'styleinject.lastProject';

/** The project to reopen on start (this browser or window remembers it). */
export function lastProjectId(): number | null {
  const value = Number(localStorage.getItem(KEY));
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

export function rememberProject(projectId: number | null): void {
  if (projectId === null) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, String(projectId));
}
