/**
 * The characters Python's `\s` matches in str patterns (str.isspace), which CLIP's cleaning
 * and splitting use: JS `\s` minus U+FEFF, plus U+001C..U+001F and U+0085. As a character
 * class body, for building RegExps.
 */
export const PY_WHITESPACE = '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
