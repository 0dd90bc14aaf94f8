import { createFormContext } from '@mantine/form';
import type { RunForm } from './presets';

/** The new-run form, shared by its sections without passing it down by hand. */
export const [RunFormProvider, useRunFormContext, useRunForm] = createFormContext<RunForm>();
