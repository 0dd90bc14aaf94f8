import { Box, SimpleGrid } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { DatasetItemView } from '../../../../src-main/contract';
import { ItemCard } from './ItemCard';

const MIN_CELL_WIDTH = 200;
const ROW_HEIGHT = 300;
const GAP = 12;

/** The dataset's images as a grid that draws only the rows in view (smooth with thousands of images). */
export function ItemGrid({ items, selected, onSelect, onOpen }: { items: DatasetItemView[]; selected: ReadonlySet<number>; onSelect: (id: number, selected: boolean) => void; onOpen: (item: DatasetItemView) => void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const { ref: sizer, width } = useElementSize();
  const columns = Math.max(1, Math.floor((width + GAP) / (MIN_CELL_WIDTH + GAP)));
  const rows = Math.ceil(items.length / columns);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here: the virtualizer re-renders this component itself
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT + GAP, overscan: 2 });
  return (
    <Box ref={scroller} style={{ height: 'calc(100vh - 250px)', minHeight: 360, overflowY: 'auto' }} data-testid="item-grid" aria-label="Dataset images">
      <Box ref={sizer} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => (
          <SimpleGrid key={row.key} cols={columns} spacing={GAP} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}>
            {items.slice(row.index * columns, row.index * columns + columns).map((item) => (
              <ItemCard key={item.id} item={item} selected={selected.has(item.id)} onSelect={(on) => onSelect(item.id, on)} onOpen={() => onOpen(item)} />
            ))}
          </SimpleGrid>
        ))}
      </Box>
    </Box>
  );
}
