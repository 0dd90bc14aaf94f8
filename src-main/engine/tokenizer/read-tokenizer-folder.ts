import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseMerges } from './parse-merges';
import { corrupt, readJsonFile, readTokenizerFile } from './read-file';
import { CLIP_MAX_LENGTH, CLIP_SPECIAL_TOKENS, type ClipVocabulary, type SpecialTokens } from './vocabulary';

/**
 * Reads a diffusers/transformers `tokenizer/` folder: vocab.json and merges.txt, plus the
 * special tokens and length from tokenizer_config.json and special_tokens_map.json where
 * present (the map overrides the config, as transformers loads them).
 */
export function readTokenizerFolder(dir: string): ClipVocabulary {
  return readTokenizerFiles(join(dir, 'vocab.json'), join(dir, 'merges.txt'), dir);
}

/** The same from explicit file paths; the optional configs are looked for in `configDir`. */
export function readTokenizerFiles(vocabPath: string, mergesPath: string, configDir = dirname(vocabPath)): ClipVocabulary {
  return {
    tokenToId: parseVocabJson(readJsonFile(vocabPath), vocabPath),
    merges: parseMerges(readTokenizerFile(mergesPath).toString('utf8'), mergesPath),
    ...readTokenizerConfig(configDir),
    source: vocabPath,
  };
}

function parseVocabJson(json: unknown, path: string): Map<string, number> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw corrupt(path, 'expected an object of token -> id');
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(json)) {
    if (!Number.isInteger(id) || (id as number) < 0) throw corrupt(path, `token ${JSON.stringify(token)} has id ${JSON.stringify(id)}`);
    vocab.set(token, id as number);
  }
  if (vocab.size === 0) throw corrupt(path, 'the vocabulary is empty');
  return vocab;
}

type TokenSetting = string | { content?: unknown } | null | undefined;

function tokenContent(setting: TokenSetting): string | undefined {
  if (typeof setting === 'string') return setting;
  if (setting && typeof setting === 'object' && typeof setting.content === 'string') return setting.content;
  return undefined;
}

function readOptionalJson(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  const json = readJsonFile(path);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw corrupt(path, 'expected a JSON object');
  return json as Record<string, unknown>;
}

function readTokenizerConfig(dir: string): { specialTokens: SpecialTokens; maxLength: number } {
  const config = readOptionalJson(join(dir, 'tokenizer_config.json'));
  const map = readOptionalJson(join(dir, 'special_tokens_map.json'));
  const pick = (key: string, fallback: string): string =>
    tokenContent(map[`${key}_token`] as TokenSetting) ?? tokenContent(config[`${key}_token`] as TokenSetting) ?? fallback;
  const length = config.model_max_length;
  // Some configs store a huge sentinel ("no limit"); CLIP's text encoder still takes 77.
  const maxLength = typeof length === 'number' && Number.isInteger(length) && length > 2 && length <= 4096 ? length : CLIP_MAX_LENGTH;
  return {
    specialTokens: {
      bos: pick('bos', CLIP_SPECIAL_TOKENS.bos),
      eos: pick('eos', CLIP_SPECIAL_TOKENS.eos),
      pad: pick('pad', CLIP_SPECIAL_TOKENS.pad),
      unk: pick('unk', CLIP_SPECIAL_TOKENS.unk),
    },
    maxLength,
  };
}
