import { z } from 'zod';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { parseInput } from '../input';
import { captionTags } from './caption-tags';
import { idField, sha256Field } from './fields';
import { fromRow, isOne } from './row-mapping';

/** A point in the image (0-1 from the left and top edges) that crops should keep. */
export interface FocusPoint {
  x: number;
  y: number;
}

export interface DatasetItem {
  id: number;
  datasetId: number;
  /** The image training reads: the project's copy (relative path) or the original (absolute). */
  image: string;
  /** The absolute path it was imported from. */
  source: string;
  sha256: string;
  /** 64-bit perceptual difference hash, 16 hex digits. */
  dhash: string;
  format: string;
  sizeBytes: number;
  /** Upright size (EXIF orientation applied). */
  width: number;
  height: number;
  caption: string;
  repeats: number;
  excluded: boolean;
  focus: FocusPoint | null;
  addedAt: number;
}

const unit = z.number().min(0).max(1);
const focus = z.object({ x: unit, y: unit }).strict().nullable();
const repeats = z.number().int().min(1).max(10_000);
const newItem = z
  .object({
    datasetId: idField,
    image: z.string().min(1),
    source: z.string().min(1),
    sha256: sha256Field,
    dhash: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lowercase hex digits'),
    format: z.string().min(1),
    sizeBytes: z.number().int().positive(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    caption: z.string().default(''),
    repeats: repeats.default(1),
    excluded: z.boolean().default(false),
    focus: focus.default(null),
  })
  .strict();
export type NewDatasetItem = z.input<typeof newItem>;
const captionEdit = z.object({ id: idField, caption: z.string() }).strict();
export type CaptionEdit = z.input<typeof captionEdit>;

/** Columns as fields; the two focus columns become one point (both or neither, the schema ensures). */
function toItem(row: unknown): DatasetItem {
  const { focusX, focusY, ...item } = fromRow<Omit<DatasetItem, 'focus'> & { focusX: number | null; focusY: number | null }>(row, { excluded: isOne });
  return { ...item, focus: focusX === null || focusY === null ? null : { x: focusX, y: focusY } };
}

export interface TagCount {
  tag: string;
  count: number;
}

/** Dataset items and their tags; a caption and its tags always change in one transaction. */
export class DatasetItemRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a fully imported item (its files are already complete on disk). */
  insert(input: NewDatasetItem): DatasetItem {
    const i = parseInput(newItem, input, 'dataset item');
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO dataset_items (dataset_id, image, source, sha256, dhash, format, size_bytes, width, height, caption, repeats, excluded, focus_x, focus_y, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(i.datasetId, i.image, i.source, i.sha256, i.dhash, i.format, i.sizeBytes, i.width, i.height, i.caption, i.repeats, i.excluded ? 1 : 0, i.focus?.x ?? null, i.focus?.y ?? null, Date.now());
      const id = Number(lastInsertRowid);
      this.writeTags(id, i.caption);
      return this.get(id);
    })();
  }

  get(id: number): DatasetItem {
    const row = this.db.prepare('SELECT * FROM dataset_items WHERE id = ?').get(id) as unknown;
    if (!row) throw new NotFoundError('dataset item', id);
    return toItem(row);
  }

  list(datasetId: number): DatasetItem[] {
    return this.db.prepare('SELECT * FROM dataset_items WHERE dataset_id = ? ORDER BY id').all(datasetId).map(toItem);
  }

  /** The item already imported from this source with this content, if any (re-imports skip it). */
  findImported(datasetId: number, source: string, sha256: string): DatasetItem | undefined {
    const row = this.db.prepare('SELECT * FROM dataset_items WHERE dataset_id = ? AND source = ? AND sha256 = ?').get(datasetId, source, sha256) as unknown;
    return row === undefined ? undefined : toItem(row);
  }

  /** Sets many captions at once, all or none. */
  setCaptions(edits: readonly CaptionEdit[]): void {
    const parsed = edits.map((edit, n) => parseInput(captionEdit, edit, `caption edit ${n + 1}`));
    this.db.transaction(() => {
      for (const { id, caption } of parsed) {
        const { changes } = this.db.prepare('UPDATE dataset_items SET caption = ? WHERE id = ?').run(caption, id);
        if (changes === 0) throw new NotFoundError('dataset item', id);
        this.db.prepare('DELETE FROM dataset_item_tags WHERE item_id = ?').run(id);
        this.writeTags(id, caption);
      }
    })();
  }

  setExcluded(ids: readonly number[], excluded: boolean): void {
    this.updateEach(ids, 'UPDATE dataset_items SET excluded = ? WHERE id = ?', excluded ? 1 : 0);
  }

  setRepeats(ids: readonly number[], count: number): void {
    this.updateEach(ids, 'UPDATE dataset_items SET repeats = ? WHERE id = ?', parseInput(repeats, count, 'repeats'));
  }

  setFocus(id: number, point: FocusPoint | null): void {
    const p = parseInput(focus, point, 'focus point');
    const { changes } = this.db.prepare('UPDATE dataset_items SET focus_x = ?, focus_y = ? WHERE id = ?').run(p?.x ?? null, p?.y ?? null, id);
    if (changes === 0) throw new NotFoundError('dataset item', id);
  }

  /** Deletes the rows, all or none; returns them so the caller can remove files nothing else uses. */
  remove(ids: readonly number[]): DatasetItem[] {
    return this.db.transaction(() =>
      ids.map((id) => {
        const item = this.get(id);
        this.db.prepare('DELETE FROM dataset_items WHERE id = ?').run(id);
        return item;
      }),
    )();
  }

  /** Whether any item in any dataset still uses this stored image path (copies are shared by content). */
  isImageUsed(image: string): boolean {
    return this.db.prepare('SELECT 1 FROM dataset_items WHERE image = ? LIMIT 1').get(image) !== undefined;
  }

  /** Whether any item of the project (any dataset, any storage) has this content; thumbnails are shared by it. */
  isContentUsedInProject(projectId: number, sha256: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM dataset_items i JOIN datasets d ON d.id = i.dataset_id WHERE d.project_id = ? AND i.sha256 = ? LIMIT 1')
        .get(projectId, sha256) !== undefined
    );
  }

  /** Each tag with the number of items whose caption has it, most frequent first. */
  tagFrequency(datasetId: number): TagCount[] {
    return this.db
      .prepare(
        `SELECT t.tag AS tag, COUNT(*) AS count FROM dataset_item_tags t JOIN dataset_items i ON i.id = t.item_id
         WHERE i.dataset_id = ? GROUP BY t.tag ORDER BY count DESC, t.tag`,
      )
      .all(datasetId) as TagCount[];
  }

  private writeTags(id: number, caption: string): void {
    const insert = this.db.prepare('INSERT INTO dataset_item_tags (item_id, tag) VALUES (?, ?)');
    for (const tag of captionTags(caption)) insert.run(id, tag);
  }

  private updateEach(ids: readonly number[], sql: string, value: number): void {
    const statement = this.db.prepare(sql);
    this.db.transaction(() => {
      for (const id of ids) if (statement.run(value, id).changes === 0) throw new NotFoundError('dataset item', id);
    })();
  }
}
