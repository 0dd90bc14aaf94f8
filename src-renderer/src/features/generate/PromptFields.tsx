import { Stack, Textarea } from '@mantine/core';
import { useGenerateFormContext } from './generate-form';

/** What to draw, and what to keep out; A1111's emphasis syntax works in both. */
export function PromptFields({ onSubmit }: { onSubmit: () => void }) {
  const form = useGenerateFormContext();
  const submitOnCtrlEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
    }
  };
  return (
    <Stack gap="sm">
      <Textarea
        label="Prompt"
        description="(word:1.2) stronger · (word) ×1.1 · [word] weaker · BREAK starts a new chunk · Ctrl+Enter generates"
        placeholder="a fox in the snow, ink wash, (soft light:1.2)"
        autosize
        minRows={3}
        maxRows={8}
        {...form.getInputProps('prompt')}
        onKeyDown={submitOnCtrlEnter}
      />
      <Textarea label="Negative prompt" description="What to steer away from" placeholder="blurry, low quality" autosize minRows={2} maxRows={5} {...form.getInputProps('negativePrompt')} onKeyDown={submitOnCtrlEnter} />
    </Stack>
  );
}
