export { ClipTokenizer, type TextCleaning } from './clip-tokenizer';
export { loadClipTokenizer, OPENAI_BPE_FILE } from './load-clip-tokenizer';
export { readTokenizerFiles, readTokenizerFolder } from './read-tokenizer-folder';
export { readOpenAiBpe } from './read-openai-bpe';
export { basicCleanPrompt } from './text-cleaning/basic-clean';
export { cleanPrompt } from './text-cleaning/clean-prompt';
export { fixText } from './text-cleaning/fix-text';
export type { ClipVocabulary, SpecialTokens } from './vocabulary';
