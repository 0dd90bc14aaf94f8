import { Box, Button, Group, Modal, Slider, Stack, Text } from '@mantine/core';
import type { DatasetItemView } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';
import { useStudio } from '../../api/studio-context';

const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;

/**
 * The image at full size: click where the subject is, and training crops around that point
 * instead of the centre. The sliders do the same from the keyboard.
 */
export function FocusModal({ item, onClose }: { item: DatasetItemView; onClose: () => void }) {
  const client = useStudio();
  const setFocus = useStudioMutation('datasets.setFocus');
  const focus = item.focus;
  const place = (x: number, y: number) => setFocus.mutate({ itemId: item.id, focus: { x: round(x), y: round(y) } });
  return (
    <Modal opened onClose={onClose} title={`Crop focus · image ${item.id} (${item.width}×${item.height})`} size="xl" centered>
      <Stack>
        <Text size="sm" c="dimmed">
          Click the part of the image that must stay in the crop when training cuts it to a square.
        </Text>
        <Box style={{ position: 'relative', alignSelf: 'center', lineHeight: 0, cursor: 'crosshair' }}>
          <img
            src={client.mediaUrl(item.original)}
            alt={item.caption || `image ${item.id}`}
            data-testid="focus-image"
            style={{ maxWidth: '100%', maxHeight: '60vh', minWidth: 256, imageRendering: item.width < 128 ? 'pixelated' : undefined, borderRadius: 6 }}
            onClick={(e) => {
              const box = e.currentTarget.getBoundingClientRect();
              place((e.clientX - box.left) / box.width, (e.clientY - box.top) / box.height);
            }}
          />
          {focus && (
            <Box
              aria-hidden
              style={{ position: 'absolute', left: `${focus.x * 100}%`, top: `${focus.y * 100}%`, width: 20, height: 20, marginLeft: -10, marginTop: -10, borderRadius: 10, border: '3px solid white', boxShadow: '0 0 0 2px black', pointerEvents: 'none' }}
            />
          )}
        </Box>
        <Group grow>
          <Stack gap={2}>
            <Text size="xs">Across</Text>
            <Slider aria-label="Focus across" min={0} max={1} step={0.05} value={focus?.x ?? 0.5} onChangeEnd={(x) => place(x, focus?.y ?? 0.5)} label={(v) => `${Math.round(v * 100)}%`} />
          </Stack>
          <Stack gap={2}>
            <Text size="xs">Down</Text>
            <Slider aria-label="Focus down" min={0} max={1} step={0.05} value={focus?.y ?? 0.5} onChangeEnd={(y) => place(focus?.x ?? 0.5, y)} label={(v) => `${Math.round(v * 100)}%`} />
          </Stack>
        </Group>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {focus ? `Focus at ${Math.round(focus.x * 100)}% across, ${Math.round(focus.y * 100)}% down` : 'No focus: training crops around the centre'}
          </Text>
          <Group>
            <Button variant="default" disabled={!focus} onClick={() => setFocus.mutate({ itemId: item.id, focus: null })}>
              Clear focus
            </Button>
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
