import { ActionIcon, Group, NumberInput, Tooltip } from '@mantine/core';
import { IconDice5, IconLock, IconLockOpen } from '@tabler/icons-react';
import { useGenerateFormContext } from './generate-form';

/** The seed: locked (this one, every time) or open (a new one each time; the one used comes back here). Typing one locks it. */
export function SeedField() {
  const form = useGenerateFormContext();
  const locked = form.values.seedLocked;
  return (
    <Group gap={4} align="flex-end" wrap="nowrap">
      <NumberInput label="Seed" description={locked ? 'Locked: the same picture each time' : 'Random each time'} min={0} max={2 ** 32 - 1} allowDecimal={false} style={{ flex: 1 }} value={form.values.seed} onChange={(v) => form.setValues({ seed: Number(v) || 0, seedLocked: true })} />
      <Tooltip label={locked ? 'Unlock: a new random seed each time' : 'Lock this seed'}>
        <ActionIcon size={36} variant={locked ? 'filled' : 'default'} aria-pressed={locked} aria-label={locked ? 'Unlock the seed' : 'Lock the seed'} onClick={() => form.setFieldValue('seedLocked', !locked)}>
          {locked ? <IconLock size={18} /> : <IconLockOpen size={18} />}
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Roll a new seed and lock it">
        <ActionIcon size={36} variant="default" aria-label="Roll a new seed" onClick={() => form.setValues({ seed: Math.floor(Math.random() * 2 ** 32), seedLocked: true })}>
          <IconDice5 size={18} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
