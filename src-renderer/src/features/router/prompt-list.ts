export interface ListedPrompt {
  prompt: string;
  theme?: string;
}

/** As the contract takes them. */
const MAX_PROMPTS = 2000;
const MAX_THEME = 100;

/**
 * A typed prompt list, as the CLI's prompt files: one prompt per line, or `theme<TAB>prompt`
 * (two columns pasted from a spreadsheet); blank lines and `#` comments are skipped.
 * Problems come back as sentences naming the line, so nothing typed is lost.
 */
export function parsePromptList(text: string): { prompts: ListedPrompt[]; problems: string[] } {
  const prompts: ListedPrompt[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    const tab = line.indexOf('\t');
    const theme = tab >= 0 ? line.slice(0, tab).trim() : '';
    const prompt = (tab >= 0 ? line.slice(tab + 1) : line).trim();
    if (prompt === '') problems.push(`line ${i + 1} has a theme but no prompt after the tab`);
    else if (theme.length > MAX_THEME) problems.push(`line ${i + 1}: the theme is longer than ${MAX_THEME} characters`);
    else prompts.push(theme ? { prompt, theme } : { prompt });
  });
  if (prompts.length > MAX_PROMPTS) problems.push(`${prompts.length} prompts: a study takes at most ${MAX_PROMPTS}`);
  return { prompts, problems };
}
