import { NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { useRunFormContext } from './run-form';

/** DreamBooth: the rare-word prompt for your images, and the class prompt for the prior images. */
export function DreamBoothFields() {
  const form = useRunFormContext();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <TextInput label="Instance prompt" description="Your images' prompt, with a rare word (sks) that will mean your style" required {...form.getInputProps('instancePrompt')} />
      <TextInput label="Class prompt" description="What the images are in general; the base model draws the class images from it" required {...form.getInputProps('classPrompt')} />
      <NumberInput label="Class images" description="Made once by the base model and reused; 0 turns prior preservation off" min={0} max={10_000} {...form.getInputProps('priorImages')} />
      <NumberInput label="Prior weight" description="How much keeping the class counts against learning yours" min={0} step={0.1} decimalScale={2} {...form.getInputProps('priorWeight')} />
    </SimpleGrid>
  );
}
