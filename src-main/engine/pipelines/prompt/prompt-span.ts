/** A run of prompt text and the attention weight A1111's emphasis syntax gives it. */
export interface WeightedText {
  kind: 'text';
  text: string;
  weight: number;
}

/** The `BREAK` keyword: the current 75-token chunk ends here and the next text starts a new one. */
export interface PromptBreak {
  kind: 'break';
}

export type PromptSpan = WeightedText | PromptBreak;
