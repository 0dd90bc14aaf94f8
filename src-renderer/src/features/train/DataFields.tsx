import { NumberInput, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useRunFormContext } from './run-form';

/** How captions and images are varied while training. */
export function DataFields() {
  const form = useRunFormContext();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <TextInput label="Trigger word" description="Put first in every caption (if not already there); use it in prompts later" placeholder="inkstyle" {...form.getInputProps('triggerWord')} />
      <NumberInput label="Caption dropout" description="Share of steps trained with an empty caption (0 to 1): the style applies without the words" min={0} max={1} step={0.05} decimalScale={2} {...form.getInputProps('captionDropout')} />
      <Switch mt="md" label="Mirror images" description="Flip left-right at random: twice the variety, for styles without a handedness" {...form.getInputProps('flip', { type: 'checkbox' })} />
    </SimpleGrid>
  );
}
