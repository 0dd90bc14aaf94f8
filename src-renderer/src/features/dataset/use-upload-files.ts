import { useRef, useState } from 'react';
import type { ImportSummary } from '../../../../src-main/contract';
import { describeError } from '../../api/describe-error';
import { useStudio } from '../../api/studio-context';
import { readFileBase64 } from '../../components/read-file-base64';

export interface UploadProgress extends ImportSummary {
  total: number;
  done: number;
  running: boolean;
}

const stem = (name: string) => name.replace(/\.[^.]*$/, '');
/** The contract takes up to 70 MB of base64 per upload: about 52 MB of file. */
const MAX_UPLOAD_BYTES = 52_000_000;

/**
 * Files the artist picked or dropped (the browser gives bytes, not paths): uploaded one per call,
 * each image with its same-name .txt caption, with progress and a Stop between files. Files
 * refused on the way in and files the studio skips are listed with their reasons.
 */
export function useUploadFiles(datasetId: number) {
  const client = useStudio();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const stopped = useRef(false);

  const upload = async (files: File[], refused: ImportSummary['skipped']) => {
    const captions = new Map(files.filter((f) => /\.txt$/i.test(f.name)).map((f) => [stem(f.name), f]));
    const images = files.filter((f) => !/\.txt$/i.test(f.name));
    const orphans = [...captions.keys()].filter((s) => !images.some((i) => stem(i.name) === s)).map((s) => ({ path: `${s}.txt`, reason: 'a caption file without an image of the same name' }));
    stopped.current = false;
    let state: UploadProgress = { total: images.length, done: 0, running: true, imported: 0, skipped: [...refused, ...orphans] };
    setProgress(state);
    for (const file of images) {
      if (stopped.current) {
        state = { ...state, skipped: [...state.skipped, { path: file.name, reason: 'not uploaded: you stopped the upload' }] };
        continue;
      }
      if (file.size > MAX_UPLOAD_BYTES) {
        state = { ...state, done: state.done + 1, skipped: [...state.skipped, { path: file.name, reason: 'too large to upload from the browser (over 52 MB): import its folder by path instead' }] };
        setProgress(state);
        continue;
      }
      try {
        const caption = await captions.get(stem(file.name))?.text();
        const summary = await client.call('datasets.importUpload', { datasetId, fileName: file.name, dataBase64: await readFileBase64(file), caption });
        state = { ...state, imported: state.imported + summary.imported, skipped: [...state.skipped, ...summary.skipped] };
      } catch (error) {
        state = { ...state, skipped: [...state.skipped, { path: file.name, reason: describeError(error).message }] };
      }
      state = { ...state, done: state.done + 1 };
      setProgress(state);
    }
    setProgress({ ...state, running: false });
  };

  return {
    progress,
    upload: (files: File[], refused: ImportSummary['skipped'] = []) => void upload(files, refused),
    stop: () => (stopped.current = true),
    clear: () => setProgress(null),
  };
}
