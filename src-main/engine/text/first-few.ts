/** A readable list of the first few of `names` ("a, b, c and 12 more"), for error messages. */
export function firstFew(names: readonly string[], count = 5): string {
  const shown = names.slice(0, count).join(', ');
  return names.length > count ? `${shown} and ${names.length - count} more` : shown;
}
