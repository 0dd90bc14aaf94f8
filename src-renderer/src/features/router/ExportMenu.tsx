import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileTypeCsv, IconPhoto, IconVectorBezier2 } from '@tabler/icons-react';
import type { RouterEmbeddingView, RouterStudyView } from '../../../../src-main/contract';
import { notifyError } from '../../components/notify';
import { downloadBlob, fileStem } from './download';
import { embeddingCsv } from './embedding-csv';
import type { ScatterModel } from './scatter-model';
import { scatterSvg, SVG_SIZE } from './scatter-svg';
import { svgToPng } from './svg-to-png';

/** The plot as PNG or SVG (the PNG is the SVG, rasterised at twice its size), and the points as CSV. */
export function ExportMenu({ study, view, model, title, subtitle, colourBy }: { study: RouterStudyView; view: RouterEmbeddingView; model: ScatterModel; title: string; subtitle: string; colourBy: string }) {
  const stem = `${fileStem(study.name)}-${view.method}-${colourBy}`;
  const exportAs = async (kind: 'png' | 'svg' | 'csv') => {
    try {
      if (kind === 'csv') return downloadBlob(new Blob([embeddingCsv(study, view)], { type: 'text/csv' }), `${fileStem(study.name)}-${view.method}.csv`);
      const svg = scatterSvg(model, title, subtitle);
      downloadBlob(kind === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg, SVG_SIZE), `${stem}.${kind}`);
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs" leftSection={<IconDownload size={14} />} rightSection={<IconChevronDown size={14} />}>
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPhoto size={16} />} onClick={() => void exportAs('png')}>
          Plot as PNG
        </Menu.Item>
        <Menu.Item leftSection={<IconVectorBezier2 size={16} />} onClick={() => void exportAs('svg')}>
          Plot as SVG
        </Menu.Item>
        <Menu.Item leftSection={<IconFileTypeCsv size={16} />} onClick={() => void exportAs('csv')}>
          Points as CSV
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
